"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { apiItems, qs } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import { createAt, removeAt, updateAt, useInvalidate } from "@/lib/client/mutations";
import type { RegistryCreateInput, RegistryUpdateInput, RegistryView } from "@/lib/validations/registry";
import type { z } from "zod";

const root = rootKey("registries");
export const registryKeys = { all: root(), list: (tenantId?: string) => root("list", tenantId ?? "all") };

export const useRegistries = (tenantId?: string) =>
  useQuery({
    queryKey: registryKeys.list(tenantId),
    queryFn: () => apiItems<RegistryView>(`/registries${qs({ tenantId })}`),
  });

export function useRegistryMutations() {
  const invalidate = useInvalidate(registryKeys.all);
  return {
    create: useMutation({
      ...createAt<z.input<typeof RegistryCreateInput>, RegistryView>("/registries"),
      onSuccess: invalidate,
    }),
    update: useMutation({
      ...updateAt<z.input<typeof RegistryUpdateInput>, RegistryView>("/registries"),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      ...removeAt("/registries"),
      onSuccess: invalidate,
    }),
  };
}
