"use client";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { OneTimeSecret } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { RecordOptions, SelectField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { fieldErrors } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import { useTenants } from "@/lib/client/hooks/use-tenants";
import { useUserMutations } from "@/lib/client/hooks/use-users";
import { UserCreateInput } from "@/lib/validations/user";

export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const tenants = useTenants();
  const { create } = useUserMutations();
  const [otp, setOtp] = useState<{ email: string; password: string } | null>(null);
  const form = useSchemaForm(UserCreateInput, create.error);
  const errors = fieldErrors(form.error);
  const close = () => {
    setOtp(null);
    create.reset();
    form.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={close} title={otp ? "User created" : "New user"}>
      {otp ? (
        <div className="space-y-3">
          <p>
            Give <strong>{otp.email}</strong> this one-time password. It is shown only once; they choose their
            own at first sign-in.
          </p>
          <OneTimeSecret value={otp.password} testId="one-time-password" />
          <div className="flex justify-end">
            <Button onClick={close}>Done</Button>
          </div>
        </div>
      ) : (
        <form
          className="space-y-4"
          onSubmit={form.onSubmit(
            (text) => ({
              email: text("email"),
              name: text("name"),
              globalRole: text("globalRole"),
              memberships: text("tenantId") ? [{ tenantId: text("tenantId"), role: text("tenantRole") }] : [],
            }),
            (input) =>
              create.mutate(input, {
                onSuccess: (r) => {
                  setOtp({ email: r.user.email, password: r.oneTimePassword });
                  toast.success(`User ${r.user.email} created`);
                },
              }),
          )}
        >
          <TextField label="Email" name="email" type="email" required autoFocus error={errors.email} />
          <TextField label="Name" name="name" error={errors.name} />
          <SelectField
            label="Global role"
            name="globalRole"
            defaultValue="none"
            hint="Admins manage everything; ops see and operate the whole fleet."
            error={errors.globalRole}
          >
            <option value="none">none (tenant member)</option>
            <option value="ops">ops</option>
            <option value="admin">admin</option>
          </SelectField>
          <div className="grid grid-cols-2 gap-3">
            <SelectField
              label="Tenant"
              name="tenantId"
              defaultValue=""
              error={errors.memberships ?? errors["memberships.0.tenantId"]}
            >
              <option value="">— none —</option>
              <RecordOptions of={tenants.data} />
            </SelectField>
            <SelectField
              label="Tenant role"
              name="tenantRole"
              defaultValue="developer"
              error={errors["memberships.0.role"]}
            >
              <option>owner</option>
              <option>developer</option>
              <option>viewer</option>
            </SelectField>
          </div>
          <FormActions
            error={form.error && !Object.keys(errors).length ? form.error : null}
            onCancel={close}
            busy={create.isPending}
            submit="Create user"
          />
        </form>
      )}
    </Dialog>
  );
}
