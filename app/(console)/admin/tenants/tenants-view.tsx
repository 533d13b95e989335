"use client";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DeleteDialog, type Remove } from "@/components/ui/delete-dialog";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RowActions } from "@/components/ui/row-actions";
import { SkeletonRows } from "@/components/ui/skeleton";
import { actionsColumn, Table, Td } from "@/components/ui/table";
import { fetchTenantDetail, useTenantMutations, useTenants } from "@/lib/client/hooks/use-tenants";
import type { TenantImpactView, TenantView } from "@/lib/validations/tenant";
import { DomainsDialog } from "./domains-dialog";
import { MembersDialog } from "./members-dialog";
import { SharedObjectsDialog } from "./shared-objects-dialog";
import { TenantForm } from "./tenant-form";

export function TenantsView() {
  const tenants = useTenants();
  const { create, update, remove } = useTenantMutations();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<TenantView | null>(null);
  const [members, setMembers] = useState<TenantView | null>(null);
  const [sharing, setSharing] = useState<TenantView | null>(null);
  const [domains, setDomains] = useState<TenantView | null>(null);
  const [deleting, setDeleting] = useState<{ tenant: TenantView; impact: TenantImpactView } | null>(null);
  // The dialog shows what goes with the tenant (its impact), so the delete it sends is confirmed.
  const removeTenant: Remove = {
    isPending: remove.isPending,
    mutate: (id, opts) => remove.mutate({ id, confirm: true }, opts),
  };
  // A row's buttons that open a tenant's dialog, in order.
  const dialogs: [string, (t: TenantView) => void][] = [
    ["Members", setMembers],
    ["Shared", setSharing],
    ["Domains", setDomains],
  ];

  async function askDelete(tenant: TenantView) {
    const { impact } = await fetchTenantDetail(tenant.id);
    setDeleting({ tenant, impact });
  }

  return (
    <>
      <PageHeader
        title="Tenants"
        description="Each tenant is an isolated team with its own projects, quotas and hosts."
        actions={
          <Button
            onClick={() => {
              create.reset();
              setCreating(true);
            }}
          >
            New tenant
          </Button>
        }
      />
      {tenants.data?.length === 0 ? (
        <EmptyState
          title="No tenants yet"
          action={<Button onClick={() => setCreating(true)}>Create the first tenant</Button>}
        >
          Tenants hold projects and members. Create one, then add users to it.
        </EmptyState>
      ) : (
        <Table label="Tenants" head={["Name", "Slug", "Members", "Projects", "Quotas", actionsColumn]}>
          <tbody>
            {tenants.isPending ? <SkeletonRows columns={6} label="Loading tenants…" /> : null}
            {tenants.data?.map((t) => (
              <tr key={t.id} data-testid={`tenant-row-${t.slug}`}>
                <Td className="font-medium">{t.name}</Td>
                <Td className="font-mono text-xs">{t.slug}</Td>
                <Td>{t.memberCount}</Td>
                <Td>{t.projectCount}</Td>
                <Td className="text-xs text-slate-600 dark:text-slate-400">
                  {t.maxContainers} containers · {t.maxMemoryMb} MiB · {t.maxCpus} CPUs
                </Td>
                <RowActions
                  canWrite
                  onEdit={() => {
                    update.reset();
                    setEditing(t);
                  }}
                  onDelete={() => askDelete(t)}
                  lead={
                    <>
                      <Link
                        href={`/tenants/${t.id}`}
                        className="rounded px-2 py-1 text-sm text-sky-700 hover:bg-slate-100 dark:text-sky-400 dark:hover:bg-slate-800"
                      >
                        Usage
                      </Link>
                      {dialogs.map(([label, open]) => (
                        <Button key={label} size="sm" variant="ghost" onClick={() => open(t)}>
                          {label}
                        </Button>
                      ))}
                    </>
                  }
                />
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Dialog open={creating} onClose={() => setCreating(false)} title="New tenant">
        <TenantForm
          error={create.error}
          busy={create.isPending}
          submitLabel="Create tenant"
          onCancel={() => setCreating(false)}
          onSubmit={(v) =>
            create.mutate(v, {
              onSuccess: () => {
                setCreating(false);
                toast.success(`Tenant ${v.name} created`);
              },
            })
          }
        />
      </Dialog>
      <Dialog open={!!editing} onClose={() => setEditing(null)} title={`Edit ${editing?.name ?? ""}`}>
        {editing ? (
          <TenantForm
            initial={editing}
            error={update.error}
            busy={update.isPending}
            submitLabel="Save"
            onCancel={() => setEditing(null)}
            onSubmit={(v) =>
              update.mutate(
                { id: editing.id, ...v },
                {
                  onSuccess: () => {
                    setEditing(null);
                    toast.success(`Tenant ${v.name} saved`);
                  },
                },
              )
            }
          />
        ) : null}
      </Dialog>
      {members ? <MembersDialog tenant={members} onClose={() => setMembers(null)} /> : null}
      {sharing ? <SharedObjectsDialog tenant={sharing} onClose={() => setSharing(null)} /> : null}
      {domains ? <DomainsDialog tenant={domains} onClose={() => setDomains(null)} /> : null}
      <DeleteDialog
        what="tenant"
        target={deleting?.tenant ?? null}
        remove={removeTenant}
        onClose={() => setDeleting(null)}
      >
        {deleting && deleting.impact.projects + deleting.impact.registries > 0 ? (
          <p>
            This removes <strong>{deleting.impact.projects} project(s)</strong> with {deleting.impact.apps}{" "}
            app record(s), {deleting.impact.registries} registr(ies) and {deleting.impact.members}{" "}
            membership(s). Running containers are not stopped by this.
          </p>
        ) : (
          <p>The tenant has no projects; {deleting?.impact.members ?? 0} membership(s) are removed.</p>
        )}
      </DeleteDialog>
    </>
  );
}
