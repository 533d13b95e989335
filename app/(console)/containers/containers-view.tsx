"use client";
import Link from "next/link";
import { ContainerFilters } from "@/components/fleet/container-filters";
import { ContainerTable } from "@/components/fleet/container-table";
import { useNameMaps } from "@/components/fleet/use-name-maps";
import { PageHeader } from "@/components/ui/page-header";
import { useHosts } from "@/lib/client/hooks/use-hosts";
import { useUrlFilters } from "@/lib/client/use-url-filters";

const KEYS = ["host", "state", "tenant", "project", "q", "sort", "dir"] as const;

export function ContainersView({ seesEverything }: { seesEverything: boolean }) {
  const { filters, setFilter, setParams, params: search } = useUrlFilters(KEYS);
  const hosts = useHosts();
  const names = useNameMaps();
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
  const filtered = KEYS.slice(0, 5).some((k) => filters[k]);
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
        tenants={names.tenantOptions}
        projects={names.projectOptions}
      />
      <ContainerTable
        params={params}
        onSort={onSort}
        names={names}
        emptyHint={
          filtered ? (
            "Clear a filter to see more."
          ) : seesEverything ? (
            <>
              No container on any host yet.{" "}
              <Link className="text-sky-700 underline dark:text-sky-400" href="/hosts">
                Add a host
              </Link>{" "}
              or deploy an app from a project.
            </>
          ) : (
            <>
              Deploy an app from one of your{" "}
              <Link className="text-sky-700 underline dark:text-sky-400" href="/projects">
                projects
              </Link>
              .
            </>
          )
        }
      />
    </>
  );
}
