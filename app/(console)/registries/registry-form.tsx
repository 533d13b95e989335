"use client";
import { toast } from "sonner";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { fieldErrors } from "@/components/ui/form-error";
import { TenantSelect } from "@/components/ui/tenant-select";
import { onFormSubmit, useSchemaForm } from "@/lib/client/form";
import { useRegistryMutations } from "@/lib/client/hooks/use-registries";
import { RegistryCreateInput, RegistryUpdateInput, type RegistryView } from "@/lib/validations/registry";

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
  const createForm = useSchemaForm(RegistryCreateInput, create.error);
  const updateForm = useSchemaForm(RegistryUpdateInput, update.error);
  const form = isNew ? createForm : updateForm;
  const errors = fieldErrors(form.error);
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
    createForm.reset();
    updateForm.reset();
    onClose();
  };
  return (
    <Dialog open={!!editing} onClose={close} title={isNew ? "Add registry" : `Edit ${existing?.name}`}>
      <form
        className="space-y-4"
        onSubmit={onFormSubmit((v, f) => {
          const password = String(f.get("password") ?? "");
          const saved = (verb: string) => ({
            onSuccess: () => {
              toast.success(`Registry ${v("name")} ${verb}`);
              close();
            },
          });
          if (isNew) {
            const input = createForm.parse({
              tenantId: v("tenantId"),
              name: v("name"),
              url: v("url"),
              username: v("username"),
              password,
            });
            if (input) create.mutate(input, saved("added"));
          } else if (existing) {
            // Only what changed: a new address or username needs the password again (the schema says so).
            const input = updateForm.parse({
              name: v("name"),
              url: v("url") !== existing.url ? v("url") : undefined,
              username: v("username") !== existing.username ? v("username") : undefined,
              password: password || undefined,
            });
            if (input) update.mutate({ id: existing.id, ...input }, saved("saved"));
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
          error={form.error}
          onCancel={close}
          busy={m.isPending}
          submit={isNew ? "Check and save" : "Save"}
        />
      </form>
    </Dialog>
  );
}
