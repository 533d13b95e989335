"use client";
import { useState } from "react";
import { AlertsNav } from "@/components/alerts/alerts-nav";
import type { Owner } from "@/components/alerts/owner-select";
import { Button } from "@/components/ui/button";
import { DeleteDialog, type Remove } from "@/components/ui/delete-dialog";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RowActions } from "@/components/ui/row-actions";
import { SkeletonRows } from "@/components/ui/skeleton";
import { actionsColumn, Table, type Column } from "@/components/ui/table";

type Owned = { id: string; name: string; tenantId: string | null };
/** What the add/edit form gets: the item to edit (null: a new one), who may own one, and how to close. */
export type OwnedFormProps<T> = { existing: T | null; owners: Owner[]; onClose: () => void };

/**
 * What the rules and channels pages share: the header with Add, the alerts tabs, the empty state or the table
 * (rows the viewer's tenants own get Edit and Delete), the add/edit form and the delete confirmation.
 */
export function OwnedList<T extends Owned>({
  what,
  title,
  description,
  empty,
  owners,
  items,
  head,
  cells,
  actions,
  Form,
  remove,
  deleteNote,
  loadingRows,
}: {
  what: "rule" | "channel";
  title: string;
  description: string;
  /** The empty state's title and text. */
  empty: [string, React.ReactNode];
  /** The tenants the viewer may write in (admins: also "global"). */
  owners: Owner[];
  items: { isPending: boolean; data?: T[] };
  /** The columns before Actions. */
  head: Column[];
  cells: (item: T) => React.ReactNode;
  /** Row buttons besides Edit and Delete. */
  actions: (item: T) => { lead?: React.ReactNode; middle?: React.ReactNode };
  Form: React.ComponentType<OwnedFormProps<T>>;
  remove: Remove;
  /** What goes with a deleted one. */
  deleteNote: React.ReactNode;
  /** How many skeleton rows stand in while the list loads. */
  loadingRows: number;
}) {
  const [editing, setEditing] = useState<T | "new" | null>(null);
  const [deleting, setDeleting] = useState<T | null>(null);
  const canWrite = (item: T) => owners.some((o) => o.id === item.tenantId);
  const add = owners.length ? <Button onClick={() => setEditing("new")}>{`Add ${what}`}</Button> : null;
  return (
    <>
      <PageHeader title={title} description={description} actions={add} />
      <AlertsNav />
      {!items.isPending && !items.data?.length ? (
        <EmptyState title={empty[0]} action={add}>
          {empty[1]}
        </EmptyState>
      ) : (
        <Table label={title} head={[...head, actionsColumn]}>
          <tbody>
            {items.isPending ? (
              <SkeletonRows columns={head.length + 1} rows={loadingRows} />
            ) : (
              items.data?.map((item) => {
                const { lead, middle } = actions(item);
                return (
                  <tr key={item.id} data-testid={`${what}-row-${item.name}`}>
                    {cells(item)}
                    <RowActions
                      canWrite={canWrite(item)}
                      lead={lead}
                      onEdit={() => setEditing(item)}
                      onDelete={() => setDeleting(item)}
                    >
                      {middle}
                    </RowActions>
                  </tr>
                );
              })
            )}
          </tbody>
        </Table>
      )}
      <Dialog
        open={!!editing}
        onClose={() => setEditing(null)}
        title={editing && editing !== "new" ? `Edit ${editing.name}` : `Add ${what}`}
      >
        {editing ? (
          <Form
            key={editing === "new" ? "new" : editing.id}
            existing={editing === "new" ? null : editing}
            owners={owners}
            onClose={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
      <DeleteDialog what={what} target={deleting} remove={remove} onClose={() => setDeleting(null)}>
        {deleteNote}
      </DeleteDialog>
    </>
  );
}
