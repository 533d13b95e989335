"use client";
import { toast } from "sonner";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { fieldErrors } from "@/components/ui/form-error";
import { TenantSelect } from "@/components/ui/tenant-select";
import { onFormSubmit } from "@/lib/client/form";
import { useRegistryMutations } from "@/lib/client/hooks/use-registries";
import type { RegistryView } from "@/lib/validations/registry";

type Props = {
  editing: RegistryView | "new" | null;
  onClose: () => void;
  tenantId?: string;
  writableTenants: { id: string; name: string }[];
};

/** Add or edit a registry; the server logs in with the credentials before saving them. */
export function RegistryForm({ editing, onClose, tenantId, writableTenants }: Props) {
  const { create, update } = useRegistryMutations();
  const isNew = editing === "new";
  const m = isNew ? create : update;
  const errors = fieldErrors(m.error);
  const existing = editing && editing !== "new" ? editing : null;
  /** A stored field: required, filled with the registry's value when editing, with its error. */
  const stored = (name: "name" | "url" | "username") => ({
    name,
    required: true,
    defaultValue: existing?.[name],
    error: errors[name],
  });
  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };
  return (
    <Dialog open={!!editing} onClose={close} title={isNew ? "Add registry" : `Edit ${existing?.name}`}>
      <form
        className="space-y-4"
        onSubmit={onFormSubmit((v, f) => {
          if (isNew)
            create.mutate(
              {
                tenantId: v("tenantId"),
                name: v("name"),
                url: v("url"),
                username: v("username"),
                password: String(f.get("password") ?? ""),
              },
              {
                onSuccess: () => {
                  toast.success(`Registry ${v("name")} added`);
                  close();
                },
              },
            );
          else if (existing) {
            const password = String(f.get("password") ?? "");
            update.mutate(
              {
                id: existing.id,
                name: v("name"),
                url: v("url") !== existing.url ? v("url") : undefined,
                username: v("username") !== existing.username ? v("username") : undefined,
                password: password || undefined,
              },
              {
                onSuccess: () => {
                  toast.success(`Registry ${v("name")} saved`);
                  close();
                },
              },
            );
          }
        })}
      >
        {isNew ? (
          <TenantSelect tenants={writableTenants} preferred={tenantId} error={errors.tenantId} />
        ) : null}
        <TextField label="Name" {...stored("name")} placeholder="e.g. Company registry" />
        <TextField
          label="Address"
          {...stored("url")}
          placeholder="registry.example.com or 127.0.0.1:5000"
          hint="host[:port], optionally with https://; plain http only for localhost."
        />
        <TextField label="Username" {...stored("username")} autoComplete="off" />
        <TextField
          label={isNew ? "Password or token" : "New password or token"}
          name="password"
          type="password"
          required={isNew}
          autoComplete="new-password"
          error={errors.password}
          hint={
            isNew
              ? "Checked against the registry now, then stored encrypted."
              : "Leave empty to keep the stored one; required when the address or username changes."
          }
        />
        <FormActions
          error={m.error}
          onCancel={close}
          busy={m.isPending}
          submit={isNew ? "Check and save" : "Save"}
        />
      </form>
    </Dialog>
  );
}
