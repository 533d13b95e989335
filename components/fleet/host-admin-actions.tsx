"use client";
import { useState } from "react";
import { HostEditForm } from "@/components/fleet/host-edit-form";
import { HostGrantsDialog } from "@/components/fleet/host-grants-dialog";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { useHostMutations } from "@/lib/client/hooks/use-hosts";
import type { HostView } from "@/lib/validations/fleet";

/** Opens a dialog without the last attempt's error: its mutation is reset first. */
const openFresh = (mutation: { reset: () => void }, open: (v: boolean) => void) => () => {
  mutation.reset();
  open(true);
};

/** Rename/label, grants and remove, for admins. Removing forgets the host; its containers keep running. */
export function HostAdminActions({ host, onRemoved }: { host: HostView; onRemoved?: () => void }) {
  const { update, remove } = useHostMutations();
  const [editing, setEditing] = useState(false);
  const [granting, setGranting] = useState(false);
  const [removing, setRemoving] = useState(false);
  return (
    <div className="flex justify-end gap-1">
      <Button size="sm" variant="ghost" onClick={openFresh(update, setEditing)}>
        Edit
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setGranting(true)}>
        Tenants
      </Button>
      <Button size="sm" variant="ghost" onClick={openFresh(remove, setRemoving)}>
        Remove
      </Button>
      <Dialog open={editing} onClose={() => setEditing(false)} title={`Edit host ${host.name}`}>
        {editing ? (
          <HostEditForm
            host={host}
            busy={update.isPending}
            error={update.error}
            onCancel={() => setEditing(false)}
            onSubmit={(v) => update.mutate({ id: host.id, ...v }, { onSuccess: () => setEditing(false) })}
          />
        ) : null}
      </Dialog>
      {granting ? <HostGrantsDialog host={host} onClose={() => setGranting(false)} /> : null}
      <ConfirmDialog
        open={removing}
        title={`Remove host ${host.name}?`}
        confirmLabel="Remove host"
        busy={remove.isPending}
        onCancel={() => setRemoving(false)}
        onConfirm={() =>
          remove.mutate(host.id, {
            onSuccess: () => {
              setRemoving(false);
              onRemoved?.();
            },
          })
        }
      >
        <p>
          Wharf stops following this engine and forgets its {host.tenantIds.length} tenant grant(s). Its{" "}
          {host.containers.total} container(s) are <strong>not</strong> touched and keep running.
        </p>
      </ConfirmDialog>
    </div>
  );
}
