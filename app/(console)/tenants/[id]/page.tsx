import Link from "next/link";
import { MetricHistory } from "@/components/ops/metric-history";
import { PageHeader } from "@/components/ui/page-header";
import { orNotFound, requireActor } from "@/lib/auth/current";
import { getTenant } from "@/lib/services/tenants";

export const metadata = { title: "Tenant usage" };

/**
 * A tenant's usage over time (issue 24): the totals of its containers from the metrics history. Its members,
 * admins and ops; anyone else gets a 404, as from GET /tenants/{id}/metrics.
 */
export default async function TenantUsagePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const t = await orNotFound(getTenant(actor, id));
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
        <Link href="/usage" className="hover:underline">
          Usage
        </Link>{" "}
        / {t.name}
      </nav>
      <PageHeader
        title={`Usage of ${t.name}`}
        description={`The sum of the tenant's running containers over time. Quotas: ${t.maxContainers} containers · ${t.maxMemoryMb} MiB · ${t.maxCpus} CPUs.`}
      />
      <MetricHistory subject={`/tenants/${t.id}`} what={`the containers of ${t.name}`} />
    </div>
  );
}
