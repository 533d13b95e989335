"use client";
import { useState } from "react";
import { toast } from "sonner";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { errorUnder, fieldErrors } from "@/components/ui/form-error";
import { SkeletonLines } from "@/components/ui/skeleton";
import { useSchemaForm } from "@/lib/client/form";
import { useSetTenantEdge, useTenantEdge, type TenantEdgeView } from "@/lib/client/hooks/use-domains";
import { TenantEdgeInput } from "@/lib/validations/domain";
import type { TenantView } from "@/lib/validations/tenant";

/** The base domains a tenant's developers attach names under, and whether they may use other (custom) domains. */
export function DomainsDialog({ tenant, onClose }: { tenant: TenantView; onClose: () => void }) {
  const edge = useTenantEdge(tenant.id);
  return (
    <Dialog open onClose={onClose} title={`Domains of ${tenant.name}`}>
      {edge.data ? (
        <DomainsForm tenant={tenant} edge={edge.data} onClose={onClose} />
      ) : (
        <SkeletonLines lines={3} />
      )}
    </Dialog>
  );
}

function DomainsForm({
  tenant,
  edge,
  onClose,
}: {
  tenant: TenantView;
  edge: TenantEdgeView;
  onClose: () => void;
}) {
  const save = useSetTenantEdge(tenant.id);
  const form = useSchemaForm(TenantEdgeInput, save.error);
  const [text, setText] = useState(edge.baseDomains.join("\n"));
  const [custom, setCustom] = useState(edge.customDomains);
  const errors = fieldErrors(form.error);
  const baseError = errorUnder(errors, "baseDomains");
  function submit(e: React.FormEvent) {
    e.preventDefault();
    const baseDomains = text
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const input = form.parse({ baseDomains, customDomains: custom });
    if (!input) return;
    save.mutate(input, {
      onSuccess: () => {
        toast.success(`Domains of ${tenant.name} saved`);
        onClose();
      },
    });
  }
  return (
    <form onSubmit={submit} className="space-y-4">
      <Field
        label="Base domains, one per line"
        error={baseError}
        hint={`Developers attach <name>.<base>, e.g. web.${tenant.slug}.apps.example.com. Point a wildcard DNS record at the edge proxy.`}
      >
        {(p) => (
          <textarea
            {...p}
            className={`${p.className} h-24 font-mono`}
            value={text}
            placeholder={`${tenant.slug}.apps.example.com`}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
      <label className="flex items-start gap-2 text-sm">
        <Checkbox className="mt-0.5 size-4 rounded" checked={custom} onChange={setCustom} />
        <span>
          Allow custom domains
          <span className="block text-xs text-slate-500">
            Other names are routed only once an admin approves each one (proof of control).
          </span>
        </span>
      </label>
      <FormActions error={form.error} onCancel={onClose} busy={save.isPending} cancelVariant="ghost" />
    </form>
  );
}
