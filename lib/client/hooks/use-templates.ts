import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import { createAt, removeAt, useInvalidate } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import type { TemplateInput, TemplatePatch, TemplateView } from "@/lib/validations/template";

export type { TemplateView };

const root = rootKey("templates");
export const templateKeys = { all: root() };

export const useTemplates = () => useQuery(itemsQuery<TemplateView>(templateKeys.all, "/templates"));

/** Admins' own templates: add, change, delete (the server refuses everyone else). */
export function useTemplateMutations() {
  const invalidate = useInvalidate(templateKeys.all);
  return {
    create: useMutation(createAt<TemplateInput, TemplateView>("/templates", invalidate)),
    update: useMutation({
      mutationFn: ({ id, patch }: { id: string; patch: TemplatePatch }) =>
        api<TemplateView>(`/templates/${id}`, { method: "PATCH", body: patch }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    remove: useMutation(removeAt("/templates", invalidate)),
  };
}
