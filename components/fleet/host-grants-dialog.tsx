"use client";
import { useState } from "react";
import { toast } from "sonner";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/form-error";
import { onFormSubmit } from "@/lib/client/form";
import { useHostMutations } from "@/lib/client/hooks/use-hosts";
import { useTenants } from "@/lib/client/hooks/use-tenants";
import type { HostView } from "@/lib/validations/fleet";

/** Which tenants may see and deploy on this host. */
export function HostGrantsDialog({ host, onClose }: { host: HostView; onClose: () => void }) {
  const tenants = useTenants();
  const { setGrants } = useHostMutations();
  const [chosen, setChosen] = useState(new Set(host.tenantIds));
  const toggle = (id: string) =>
    setChosen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  // Tenants losing this host: their apps there can no longer be deployed or seen, so ask first.
  const removed = (tenants.data ?? []).filter((t) => host.tenantIds.includes(t.id) && !chosen.has(t.id));
  const [confirming, setConfirming] = useState(false);
  const save = () =>
    setGrants.mutate(
      { id: host.id, tenantIds: [...chosen] },
      {
        onSuccess: () => {
          toast.success(`Tenants on ${host.name} saved`);
          onClose();
        },
        onSettled: () => setConfirming(false),
      },
    );
  return (
    <Dialog open onClose={onClose} title={`Tenants on ${host.name}`}>
      <form
        className="space-y-3"
        onSubmit={onFormSubmit(() => (removed.length > 0 ? setConfirming(true) : save()))}
      >
        <FormError error={setGrants.error} />
        {tenants.data?.length === 0 ? (
          <p className="text-sm text-slate-600">No tenants yet: create one under Administration → Tenants.</p>
        ) : null}
        <ul className="max-h-72 space-y-1 overflow-auto">
          {tenants.data?.map((t) => (
            <li key={t.id}>
              <label className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50 dark:hover:bg-slate-800">
                <Checkbox
                  className="size-4 rounded focus:ring-2 focus:ring-sky-500"
                  checked={chosen.has(t.id)}
                  onChange={() => toggle(t.id)}
                />
                {t.name} <span className="text-xs text-slate-500">{t.slug}</span>
              </label>
            </li>
          ))}
        </ul>
        <FormActions onCancel={onClose} busy={setGrants.isPending} submit="Save grants" />
      </form>
      <ConfirmDialog
        open={confirming}
        title={`Remove ${removed.length === 1 ? "a tenant" : `${removed.length} tenants`} from ${host.name}?`}
        confirmLabel="Remove access"
        busy={setGrants.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={save}
      >
        <p>
          <strong>{removed.map((t) => t.name).join(", ")}</strong> will no longer see {host.name} or deploy to
          it, from now on. Containers already running there are not stopped.
        </p>
      </ConfirmDialog>
    </Dialog>
  );
}
