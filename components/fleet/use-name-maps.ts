"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { allAppsQuery } from "@/lib/client/hooks/use-apps";
import { useProjects } from "@/lib/client/hooks/use-projects";
import { useTenants } from "@/lib/client/hooks/use-tenants";
import { useTenantScope } from "@/lib/client/tenant-context";

/** Tenant, project and app names for the ids the wharf.* labels carry; filter options within the tenant context. */
export function useNameMaps() {
  const tenantId = useTenantScope();
  const tenants = useTenants();
  const projects = useProjects();
  const apps = useQuery(allAppsQuery());
  return useMemo(
    () => ({
      tenants: new Map((tenants.data ?? []).map((t) => [t.id, t.name])),
      projects: new Map((projects.data ?? []).map((p) => [p.id, p.name])),
      apps: new Map((apps.data ?? []).map((a) => [a.id, a.name])),
      tenantOptions: (tenants.data ?? []).map((t) => ({ id: t.id, name: t.name })),
      projectOptions: (projects.data ?? [])
        .filter((p) => !tenantId || p.tenantId === tenantId)
        .map((p) => ({ id: p.id, name: `${p.name} (${p.tenantName})` })),
    }),
    [tenants.data, projects.data, apps.data, tenantId],
  );
}
