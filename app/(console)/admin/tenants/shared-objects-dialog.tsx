"use client";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { RecordOptions, SelectField, TextField } from "@/components/ui/field";
import { fieldErrors, FormError } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import { useHosts } from "@/lib/client/hooks/use-hosts";
import { useSharedObjectMutations, useSharedObjects } from "@/lib/client/hooks/use-tenants";
import { SharedObjectInput } from "@/lib/validations/shared-object";
import type { TenantView } from "@/lib/validations/tenant";

/** The networks and volumes of a host a tenant's apps may name with `external: true` (audited per share). */
export function SharedObjectsDialog({ tenant, onClose }: { tenant: TenantView; onClose: () => void }) {
  const shared = useSharedObjects(tenant.id);
  const hosts = useHosts();
  const granted = hosts.data?.filter((h) => h.tenantIds.includes(tenant.id)) ?? [];
  const hostName = (id: string) => hosts.data?.find((h) => h.id === id)?.name ?? id;
  const { share, unshare } = useSharedObjectMutations(tenant.id);
  const form = useSchemaForm(SharedObjectInput, share.error);
  const errors = fieldErrors(form.error);

  return (
    <Dialog open onClose={onClose} title={`Networks and volumes shared with ${tenant.name}`}>
      <p className="mb-3 text-xs text-slate-600 dark:text-slate-400">
        Apps of {tenant.name} may attach these with <code>external: true</code> and <code>name:</code>. Their
        own apps&apos; networks and volumes need no share.
      </p>
      <ul className="mb-4 divide-y divide-slate-100 dark:divide-slate-800" data-testid="shared-objects">
        {shared.data?.length === 0 ? <li className="py-2 text-slate-500">Nothing shared yet.</li> : null}
        {shared.data?.map((o) => (
          <li key={o.id} className="flex items-center justify-between gap-2 py-2">
            <span className="min-w-0">
              <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">
                {o.kind}
              </span>
              <span className="font-mono text-sm break-all">{o.name}</span>
              <span className="ml-2 text-xs text-slate-500">on {hostName(o.hostId)}</span>
              {o.note ? <span className="block text-xs text-slate-500">{o.note}</span> : null}
            </span>
            <Button
              size="sm"
              variant="ghost"
              busy={unshare.isPending && unshare.variables === o.id}
              onClick={() =>
                unshare.mutate(o.id, { onSuccess: () => toast.success(`${o.name} is no longer shared`) })
              }
            >
              Unshare
            </Button>
          </li>
        ))}
      </ul>
      <form
        className="grid gap-3 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const input = form.parse({
            kind: f.get("kind"),
            hostId: f.get("hostId"),
            name: f.get("name"),
            note: f.get("note"),
          });
          const el = e.currentTarget;
          if (input)
            share.mutate(input, {
              onSuccess: (o) => {
                el.reset();
                toast.success(`${o.kind} ${o.name} shared with ${tenant.name}`);
              },
            });
        }}
      >
        <SelectField label="Kind" name="kind" defaultValue="network" error={errors.kind}>
          <option value="network">network</option>
          <option value="volume">volume</option>
        </SelectField>
        <SelectField label="Host" name="hostId" error={errors.hostId}>
          <RecordOptions of={granted} />
        </SelectField>
        <TextField
          label="Name on the host"
          name="name"
          required
          placeholder="monitoring"
          error={errors.name}
        />
        <TextField label="Note (optional)" name="note" placeholder="why it is shared" error={errors.note} />
        <div className="sm:col-span-2">
          <FormError error={form.error} />
        </div>
        <div className="flex justify-end gap-2 sm:col-span-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Done
          </Button>
          <Button type="submit" busy={share.isPending} disabled={granted.length === 0}>
            Share
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
