"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type { RegistryCreateInput, RegistryUpdateInput, RegistryView } from "@/lib/validations/registry";
import type { z } from "zod";

const root = rootKey("registries");
export const registryKeys = { all: root(), list: (tenantId?: string) => root("list", tenantId ?? "all") };

export const useRegistries = (tenantId?: string) =>
  useQuery({
    queryKey: registryKeys.list(tenantId),
    queryFn: () => api<{ items: RegistryView[] }>(`/registries${qs({ tenantId })}`).then((r) => r.items),
  });

export function useRegistryMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: registryKeys.all });
  return {
    create: useMutation({
      mutationFn: (body: z.input<typeof RegistryCreateInput>) =>
        api<RegistryView>("/registries", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: z.input<typeof RegistryUpdateInput> & { id: string }) =>
        api<RegistryView>(`/registries/${id}`, { method: "PATCH", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    remove: useMutation({
      mutationFn: (id: string) => api(`/registries/${id}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
  };
}
