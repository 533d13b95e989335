"use client";
import { useState } from "react";
import { toast } from "sonner";
import { describeTenantRoleChange } from "@/components/admin/role-change";
import { RoleChangeDialog } from "@/components/admin/role-change-dialog";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { bind, controlClass, RecordOptions, SelectField } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import { useMembers, useTenantMutations } from "@/lib/client/hooks/use-tenants";
import { useUsers } from "@/lib/client/hooks/use-users";
import { TenantRole } from "@/lib/validations/roles";
import { MemberInput, type TenantView } from "@/lib/validations/tenant";

const roles: TenantRole[] = ["owner", "developer", "viewer"];

export function MembersDialog({ tenant, onClose }: { tenant: TenantView; onClose: () => void }) {
  const members = useMembers(tenant.id);
  const users = useUsers();
  const { setMember } = useTenantMutations();
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState("developer");
  // Only the check's errors: the server's (shared with the role change and removal below) are toasts.
  const form = useSchemaForm(MemberInput, null);
  const errors = fieldErrors(form.error);
  const [removing, setRemoving] = useState<{ userId: string; email: string } | null>(null);
  // A role change asks first (access-changing), saying what they gain or lose.
  const [changing, setChanging] = useState<{
    userId: string;
    email: string;
    from: TenantRole;
    to: TenantRole;
  } | null>(null);
  const change = changing
    ? describeTenantRoleChange(changing.email, tenant.name, changing.from, changing.to)
    : null;
  const changeRole = ({ userId, email, to }: { userId: string; email: string; to: TenantRole }) =>
    setMember.mutate(
      { tenantId: tenant.id, userId, role: to },
      {
        onSuccess: () => toast.success(`${email} is now ${to} in ${tenant.name}`),
        onSettled: () => setChanging(null),
      },
    );
  const candidates = users.data?.filter((u) => !members.data?.some((m) => m.userId === u.id)) ?? [];

  return (
    <Dialog open onClose={onClose} title={`Members of ${tenant.name}`}>
      <ul className="mb-4 divide-y divide-slate-100 dark:divide-slate-800">
        {members.data?.length === 0 ? <li className="py-2 text-slate-500">No members yet.</li> : null}
        {members.data?.map((m) => (
          <li key={m.userId} className="flex items-center justify-between gap-2 py-2">
            <span>
              {m.email}
              {m.disabled ? <span className="ml-1 text-xs text-red-600">(disabled)</span> : null}
            </span>
            <span className="flex items-center gap-1">
              <select
                aria-label={`Role of ${m.email}`}
                className={`${controlClass} w-32 py-1`}
                value={m.role}
                onChange={(e) =>
                  setChanging({
                    userId: m.userId,
                    email: m.email,
                    from: m.role,
                    to: TenantRole.parse(e.target.value),
                  })
                }
              >
                {roles.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setRemoving({ userId: m.userId, email: m.email })}
              >
                Remove
              </Button>
            </span>
          </li>
        ))}
      </ul>
      <form
        className="flex items-start gap-2"
        onSubmit={form.onSubmit(
          () => ({ userId, role }),
          (input) => {
            const email = candidates.find((u) => u.id === input.userId)?.email;
            setMember.mutate(
              { tenantId: tenant.id, ...input },
              {
                onSuccess: () => {
                  setUserId("");
                  toast.success(`${email ?? "User"} added to ${tenant.name} as ${input.role}`);
                },
              },
            );
          },
        )}
      >
        <div className="flex-1">
          <SelectField label="User" {...bind(userId, setUserId)} error={errors.userId}>
            <option value="">Choose a user…</option>
            <RecordOptions of={candidates} label={(u) => u.email} />
          </SelectField>
        </div>
        <div className="w-32">
          <SelectField label="Role" {...bind(role, setRole)} error={errors.role}>
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </SelectField>
        </div>
        <Button type="submit" disabled={!userId} busy={setMember.isPending} className="mt-5">
          Add
        </Button>
      </form>
      <div className="mt-4 flex justify-end">
        <Button variant="secondary" onClick={onClose}>
          Done
        </Button>
      </div>
      <RoleChangeDialog
        change={change}
        busy={setMember.isPending}
        onCancel={() => setChanging(null)}
        onConfirm={() => changing && changeRole(changing)}
      />
      <ConfirmDialog
        open={!!removing}
        title={`Remove ${removing?.email ?? ""} from ${tenant.name}?`}
        confirmLabel="Remove member"
        busy={setMember.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          setMember.mutate(
            { tenantId: tenant.id, userId: removing.userId, role: null },
            {
              onSuccess: () => toast.success(`${removing.email} removed from ${tenant.name}`),
              onSettled: () => setRemoving(null),
            },
          )
        }
      >
        <p>
          They lose access to the projects, apps and hosts of {tenant.name} at once; open pages of theirs stop
          showing it. Their account stays, and you can add them again.
        </p>
      </ConfirmDialog>
    </Dialog>
  );
}
