"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { Project } from "@/lib/client/types";

export const projectsQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: queryKeys.projects.list(tenantId),
    queryFn: () => api<{ items: Project[] }>(`/projects${qs({ tenantId })}`).then((r) => r.items),
  });

export const useProjects = (tenantId?: string) => useQuery(projectsQuery(tenantId));

export function useProjectMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: queryKeys.projects.all });
  return {
    create: useMutation({
      mutationFn: (body: { tenantId: string; name: string }) =>
        api<Project>("/projects", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    rename: useMutation({
      mutationFn: ({ id, name }: { id: string; name: string }) =>
        api<Project>(`/projects/${id}`, { method: "PATCH", body: { name } }),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api(`/projects/${id}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
  };
}
