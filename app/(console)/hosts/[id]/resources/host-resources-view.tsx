"use client";
import { formatBytes } from "@/components/format";
import { HostEvents } from "@/components/ops/host-events";
import { HostImages } from "@/components/ops/host-images";
import { HostVolumes, HostNetworks } from "@/components/ops/host-volumes-networks";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonCards } from "@/components/ui/skeleton";
import { Tab, TabList } from "@/components/ui/tabs";
import { useHostDf } from "@/lib/client/hooks/use-host-resources";
import { useUrlFilters } from "@/lib/client/use-url-filters";

const tabs = ["images", "volumes", "networks", "events"] as const;
const keys = ["tab"] as const;

export function HostResourcesView({
  hostId,
  hostName,
  canChange,
}: {
  hostId: string;
  hostName: string;
  canChange: boolean;
}) {
  const { filters, setFilter } = useUrlFilters(keys);
  const tab = tabs.find((t) => t === filters.tab) ?? "images";
  const df = useHostDf(hostId);
  const parts = df.data
    ? ([
        ["Images", df.data.images],
        ["Containers", df.data.containers],
        ["Volumes", df.data.volumes],
        ["Build cache", df.data.buildCache],
      ] as const)
    : [];
  return (
    <>
      <PageHeader
        title={`${hostName}: resources`}
        description="Images, volumes and networks on this host, its disk use and what its engine did lately."
      />
      <section aria-label="Disk use" className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        {/* `contents`: the placeholder cards take the real cards' cells in this grid. */}
        {df.isLoading ? (
          <SkeletonCards count={4} className="contents" height="h-24" label="Measuring disk use…" />
        ) : null}
        {df.isError ? <p className="text-sm text-red-600">Disk use unavailable: {df.error.message}</p> : null}
        {parts.map(([label, p]) => (
          <Card key={label}>
            <p className="text-xs tracking-wide text-slate-500 uppercase">{label}</p>
            <p className="mt-1 text-xl font-semibold">{formatBytes(p.sizeBytes)}</p>
            <p className="text-xs text-slate-500">
              {p.count} total · {p.active} in use · {formatBytes(p.reclaimableBytes)} reclaimable
            </p>
          </Card>
        ))}
      </section>
      <TabList label="Resources">
        {tabs.map((t) => (
          <Tab key={t} selected={tab === t} onSelect={() => setFilter("tab", t === "images" ? "" : t)}>
            {t}
          </Tab>
        ))}
      </TabList>
      {tab === "images" ? <HostImages hostId={hostId} canChange={canChange} /> : null}
      {tab === "volumes" ? <HostVolumes hostId={hostId} /> : null}
      {tab === "networks" ? <HostNetworks hostId={hostId} /> : null}
      {tab === "events" ? <HostEvents hostId={hostId} /> : null}
    </>
  );
}
