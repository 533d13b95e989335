import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type { ProjectCreateInput, ProjectView } from "@/lib/validations/project";
import type { z } from "zod";

const root = rootKey("projects");
export const projectKeys = { all: root(), list: (tenantId?: string) => root("list", tenantId ?? "all") };

export const projectsQuery = (tenantId?: string) =>
  queryOptions({
    queryKey: projectKeys.list(tenantId),
    queryFn: () => api<{ items: ProjectView[] }>(`/projects${qs({ tenantId })}`).then((r) => r.items),
  });

export const useProjects = (tenantId?: string) => useQuery(projectsQuery(tenantId));

export function useProjectMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: projectKeys.all });
  return {
    create: useMutation({
      mutationFn: (body: z.input<typeof ProjectCreateInput>) =>
        api<ProjectView>("/projects", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    rename: useMutation({
      mutationFn: ({ id, name }: { id: string; name: string }) =>
        api<ProjectView>(`/projects/${id}`, { method: "PATCH", body: { name } }),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api(`/projects/${id}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
  };
}
