"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DeleteDialog } from "@/components/ui/delete-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RowActions } from "@/components/ui/row-actions";
import { actionsColumn, CodeCell, Table, Td } from "@/components/ui/table";
import { useRegistries, useRegistryMutations } from "@/lib/client/hooks/use-registries";
import { useTenantScope } from "@/lib/client/tenant-context";
import type { RegistryView } from "@/lib/validations/registry";
import { RegistryForm } from "./registry-form";

type Props = { writableTenants: { id: string; name: string }[] };

/** A tenant's registries: builds push to them, deploys pull from them with the stored credentials. */
export function RegistriesView({ writableTenants }: Props) {
  const tenantId = useTenantScope();
  const registries = useRegistries(tenantId);
  const { remove } = useRegistryMutations();
  const [editing, setEditing] = useState<RegistryView | "new" | null>(null);
  const [deleting, setDeleting] = useState<RegistryView | null>(null);
  const canWrite = (r: RegistryView) => writableTenants.some((t) => t.id === r.tenantId);
  return (
    <>
      <PageHeader
        title="Registries"
        description="Where builds push and deploys pull from. Credentials are checked when saved and stored encrypted."
        actions={
          writableTenants.length ? <Button onClick={() => setEditing("new")}>Add registry</Button> : null
        }
      />
      {registries.isPending ? (
        <p className="text-slate-500">Loading registries…</p>
      ) : !registries.data?.length ? (
        <EmptyState
          title="No registries yet"
          action={
            writableTenants.length ? <Button onClick={() => setEditing("new")}>Add a registry</Button> : null
          }
        >
          Add a registry (its address, a user and a password or token) to push built images to it and deploy
          private images from it.
        </EmptyState>
      ) : (
        <Table label="Registries" head={["Name", "Address", "User", "Tenant", "Updated", actionsColumn]}>
          <tbody>
            {registries.data.map((r) => (
              <tr key={r.id} data-testid={`registry-row-${r.name}`}>
                <Td className="font-medium">{r.name}</Td>
                <CodeCell>{r.url}</CodeCell>
                <Td>{r.username}</Td>
                <Td>{r.tenantName}</Td>
                <Td className="text-slate-500">{new Date(r.updatedAt).toLocaleString()}</Td>
                <RowActions
                  canWrite={canWrite(r)}
                  onEdit={() => setEditing(r)}
                  onDelete={() => setDeleting(r)}
                />
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <RegistryForm
        editing={editing}
        onClose={() => setEditing(null)}
        tenantId={tenantId}
        writableTenants={writableTenants}
      />
      <DeleteDialog what="registry" target={deleting} remove={remove} onClose={() => setDeleting(null)}>
        Its stored credentials are erased. Images already pushed stay in the registry; builds and deploys can
        no longer use it.
      </DeleteDialog>
    </>
  );
}
