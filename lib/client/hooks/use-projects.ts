import { useMutation, useQuery } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import { createAt, removeAt, useInvalidate } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import type { ProjectCreateInput, ProjectView } from "@/lib/validations/project";
import type { z } from "zod";

const root = rootKey("projects");
export const projectKeys = { all: root(), list: (tenantId?: string) => root("list", tenantId ?? "all") };

export const projectsQuery = (tenantId?: string) =>
  itemsQuery<ProjectView>(projectKeys.list(tenantId), `/projects${qs({ tenantId })}`);

export const useProjects = (tenantId?: string) => useQuery(projectsQuery(tenantId));

export function useProjectMutations() {
  const invalidate = useInvalidate(projectKeys.all);
  return {
    create: useMutation(createAt<z.input<typeof ProjectCreateInput>, ProjectView>("/projects", invalidate)),
    rename: useMutation({
      mutationFn: ({ id, name }: { id: string; name: string }) =>
        api<ProjectView>(`/projects/${id}`, { method: "PATCH", body: { name } }),
      onSuccess: invalidate,
    }),
    remove: useMutation(removeAt("/projects", invalidate)),
  };
}
