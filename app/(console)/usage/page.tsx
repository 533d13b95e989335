import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current";
import { listTenants } from "@/lib/services/tenants";

export const metadata = { title: "Usage" };

/** The tenants whose usage the caller may chart: their own (admins and ops: every tenant). */
export default async function UsagePage() {
  const actor = await requireActor();
  const tenants = await listTenants(actor);
  return (
    <div>
      <PageHeader
        title="Usage"
        description="CPU, memory, network and block I/O of each tenant's containers over time."
      />
      {tenants.length === 0 ? (
        <EmptyState title="No tenant yet">
          Usage is charted per tenant. Ask an admin to add you to a tenant (Administration → Tenants →
          Members).
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {tenants.map((t) => (
            <li key={t.id}>
              <Link
                href={`/tenants/${t.id}`}
                className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-900"
              >
                <span className="font-medium">{t.name}</span>
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  {t.projectCount} project{t.projectCount === 1 ? "" : "s"} · quota {t.maxContainers}{" "}
                  containers
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
