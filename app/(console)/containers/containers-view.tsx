"use client";
import { useState } from "react";
import { BulkActions } from "@/components/fleet/bulk-actions";
import { ContainerFilters } from "@/components/fleet/container-filters";
import { ContainerTable } from "@/components/fleet/container-table";
import { useNameMaps } from "@/components/fleet/use-name-maps";
import { PageHeader } from "@/components/ui/page-header";
import { TextLink } from "@/components/ui/text-link";
import { CONTAINER_FILTER_KEYS } from "@/lib/client/hooks/fleet-keys";
import { useHosts } from "@/lib/client/hooks/use-hosts";
import { useTenantScope } from "@/lib/client/tenant-context";
import { useUrlFilters } from "@/lib/client/use-url-filters";
import type { ContainerView } from "@/lib/validations/fleet-views";

const KEYS = CONTAINER_FILTER_KEYS;

export function ContainersView({ seesEverything }: { seesEverything: boolean }) {
  const { filters, setFilter, setParams, params: search } = useUrlFilters(KEYS);
  const hosts = useHosts(useTenantScope());
  const names = useNameMaps();
  // Selected rows, kept while the list scrolls and pages load (by id: only rows the viewer has seen).
  const [selected, setSelected] = useState<Map<string, ContainerView>>(new Map());
  const toggle = (c: ContainerView, on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (on) next.set(c.id, c);
      else next.delete(c.id);
      return next;
    });
  const params = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  const onSort = (key: string) => {
    const same = (filters.sort || "name") === key;
    const dir = same && filters.dir !== "desc" ? "desc" : "";
    const next = new URLSearchParams(search.toString());
    next.set("sort", key);
    if (dir) next.set("dir", dir);
    else next.delete("dir");
    setParams(next);
  };
  const filtered = KEYS.slice(0, 4).some((k) => filters[k]);
  return (
    <>
      <PageHeader
        title="Containers"
        description={
          seesEverything
            ? "Every container on every host, live from the engines' events."
            : "Your tenants' containers on the hosts granted to them, live."
        }
      />
      <ContainerFilters
        filters={filters}
        setFilter={setFilter}
        hosts={(hosts.data ?? []).map((h) => ({ id: h.id, name: h.name }))}
        projects={names.projectOptions}
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <BulkActions selected={[...selected.values()]} names={names} onClear={() => setSelected(new Map())} />
        <label className="mb-3 flex items-center gap-1.5 text-sm">
          <input
            type="checkbox"
            className="size-4 rounded focus:ring-2 focus:ring-sky-500"
            checked={filters.sort === "app"}
            onChange={(e) => {
              const next = new URLSearchParams(search.toString());
              if (e.target.checked) next.set("sort", "app");
              else next.delete("sort");
              next.delete("dir");
              setParams(next);
            }}
          />
          Group by app and service
        </label>
      </div>
      <ContainerTable
        selection={{ isSelected: (id) => selected.has(id), onToggle: toggle }}
        params={params}
        onSort={onSort}
        names={names}
        emptyHint={
          filtered ? (
            "Clear a filter to see more."
          ) : seesEverything ? (
            <>
              No container on any host yet. <TextLink href="/hosts">Add a host</TextLink> or deploy an app
              from a project.
            </>
          ) : (
            <>
              Deploy an app from one of your <TextLink href="/projects">projects</TextLink>.
            </>
          )
        }
      />
    </>
  );
}
