import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type { TemplateInput, TemplatePatch, TemplateView } from "@/lib/validations/template";

export type { TemplateView };

const root = rootKey("templates");
export const templateKeys = { all: root() };

export const useTemplates = () =>
  useQuery({
    queryKey: templateKeys.all,
    queryFn: () => api<{ items: TemplateView[] }>("/templates").then((r) => r.items),
  });

/** Admins' own templates: add, change, delete (the server refuses everyone else). */
export function useTemplateMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: templateKeys.all });
  return {
    create: useMutation({
      mutationFn: (body: TemplateInput) => api<TemplateView>("/templates", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    update: useMutation({
      mutationFn: ({ id, patch }: { id: string; patch: TemplatePatch }) =>
        api<TemplateView>(`/templates/${id}`, { method: "PATCH", body: patch }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    remove: useMutation({
      mutationFn: (id: string) => api(`/templates/${id}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
  };
}
