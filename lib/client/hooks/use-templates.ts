import { useMutation, useQuery } from "@tanstack/react-query";
import { api, apiItems } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import { createAt, removeAt, useInvalidate } from "@/lib/client/mutations";
import type { TemplateInput, TemplatePatch, TemplateView } from "@/lib/validations/template";

export type { TemplateView };

const root = rootKey("templates");
export const templateKeys = { all: root() };

export const useTemplates = () =>
  useQuery({
    queryKey: templateKeys.all,
    queryFn: () => apiItems<TemplateView>("/templates"),
  });

/** Admins' own templates: add, change, delete (the server refuses everyone else). */
export function useTemplateMutations() {
  const invalidate = useInvalidate(templateKeys.all);
  return {
    create: useMutation({
      ...createAt<TemplateInput, TemplateView>("/templates"),
      onSuccess: invalidate,
    }),
    update: useMutation({
      mutationFn: ({ id, patch }: { id: string; patch: TemplatePatch }) =>
        api<TemplateView>(`/templates/${id}`, { method: "PATCH", body: patch }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    remove: useMutation({
      ...removeAt("/templates"),
      onSuccess: invalidate,
    }),
  };
}
