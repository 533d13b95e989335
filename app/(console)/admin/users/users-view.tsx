"use client";
import { useState } from "react";
import { toast } from "sonner";
import { describeGlobalRoleChange } from "@/components/admin/role-change";
import { RoleChangeDialog } from "@/components/admin/role-change-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { OneTimeSecret } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { controlClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { actionsColumn, Table, Td } from "@/components/ui/table";
import { useUserMutations, useUsers } from "@/lib/client/hooks/use-users";
import { GlobalRole } from "@/lib/validations/roles";
import type { UserView as User } from "@/lib/validations/user";
import { CreateUserDialog } from "./create-user-dialog";

export function UsersView({ selfId }: { selfId: string }) {
  const users = useUsers();
  const { update } = useUserMutations();
  const [creating, setCreating] = useState(false);
  const [reset, setReset] = useState<{ email: string; password: string } | null>(null);
  const [disabling, setDisabling] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  // A role change asks first (access-changing), saying what they gain or lose.
  const [changing, setChanging] = useState<{ user: User; to: GlobalRole } | null>(null);
  const change = changing
    ? describeGlobalRoleChange(
        changing.user.name || changing.user.email,
        changing.user.globalRole,
        changing.to,
      )
    : null;
  const changeRole = (u: User, globalRole: GlobalRole) =>
    update.mutate(
      { id: u.id, globalRole },
      {
        onSuccess: () => toast.success(`${u.email}'s global role is now ${globalRole}`),
        onSettled: () => setChanging(null),
      },
    );
  const setDisabled = (u: User, disabled: boolean) =>
    update.mutate(
      { id: u.id, disabled },
      {
        onSuccess: () => toast.success(`${u.email} ${disabled ? "disabled" : "enabled"}`),
        onSettled: () => setDisabling(null),
      },
    );

  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in. Tenant roles are set per tenant under Tenants → Members."
        actions={<Button onClick={() => setCreating(true)}>New user</Button>}
      />
      <Table label="Users" head={["Email", "Global role", "Tenants", "Status", actionsColumn]}>
        <tbody>
          {users.isPending ? <SkeletonRows columns={5} label="Loading users…" /> : null}
          {users.data?.map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.email}`}>
              <Td>
                <span className="font-medium">{u.email}</span>
                {u.name ? <span className="block text-xs text-slate-500">{u.name}</span> : null}
              </Td>
              <Td>
                <select
                  aria-label={`Global role of ${u.email}`}
                  className={`${controlClass} w-28 py-1`}
                  value={u.globalRole}
                  disabled={u.id === selfId}
                  onChange={(e) => setChanging({ user: u, to: GlobalRole.parse(e.target.value) })}
                >
                  <option value="none">none</option>
                  <option value="ops">ops</option>
                  <option value="admin">admin</option>
                </select>
              </Td>
              <Td className="text-xs">
                {u.memberships.map((m) => `${m.tenantName} (${m.role})`).join(", ") || (
                  <span className="text-slate-400">—</span>
                )}
              </Td>
              <Td>
                {u.disabled ? (
                  <Badge tone="red">disabled</Badge>
                ) : u.mustChangePassword ? (
                  <Badge tone="amber">must set password</Badge>
                ) : (
                  <Badge tone="green">active</Badge>
                )}
              </Td>
              <Td className="text-right">
                {u.id === selfId ? (
                  <span className="text-xs text-slate-400">you</span>
                ) : (
                  <div className="flex justify-end gap-1">
                    <Button size="sm" variant="ghost" onClick={() => setResetting(u)}>
                      Reset password
                    </Button>
                    <Button
                      size="sm"
                      variant={u.disabled ? "secondary" : "ghost"}
                      onClick={() => (u.disabled ? setDisabled(u, false) : setDisabling(u))}
                    >
                      {u.disabled ? "Enable" : "Disable"}
                    </Button>
                  </div>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <ConfirmDialog
        open={!!disabling}
        title={`Disable ${disabling?.email ?? ""}?`}
        confirmLabel="Disable user"
        busy={update.isPending}
        onCancel={() => setDisabling(null)}
        onConfirm={() => disabling && setDisabled(disabling, true)}
      >
        <p>
          Their sessions and API tokens stop working now, and any page they have open signs them out. Their
          memberships and what they deployed stay; you can enable them again.
        </p>
      </ConfirmDialog>
      <RoleChangeDialog
        change={change}
        busy={update.isPending}
        onCancel={() => setChanging(null)}
        onConfirm={() => changing && changeRole(changing.user, changing.to)}
      />
      <ConfirmDialog
        open={!!resetting}
        title={`Reset the password of ${resetting?.email ?? ""}?`}
        confirmLabel="Reset password"
        busy={update.isPending}
        onCancel={() => setResetting(null)}
        onConfirm={() =>
          resetting &&
          update.mutate(
            { id: resetting.id, resetPassword: true },
            {
              onSuccess: (r) =>
                r.oneTimePassword && setReset({ email: resetting.email, password: r.oneTimePassword }),
              onSettled: () => setResetting(null),
            },
          )
        }
      >
        <p>
          Their sessions and API tokens end now; you get a one-time password to hand them, which they must
          change at their next sign-in.
        </p>
      </ConfirmDialog>
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
      <Dialog open={!!reset} onClose={() => setReset(null)} title="Password reset">
        <p className="mb-3">
          New one-time password for <strong>{reset?.email}</strong> (shown once). Their sessions were ended.
        </p>
        <OneTimeSecret value={reset?.password ?? ""} />
        <div className="mt-4 flex justify-end">
          <Button onClick={() => setReset(null)}>Done</Button>
        </div>
      </Dialog>
    </>
  );
}
