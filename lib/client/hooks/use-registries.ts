"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { qs } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import { createAt, removeAt, updateAt, useInvalidate } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import type { RegistryCreateInput, RegistryUpdateInput, RegistryView } from "@/lib/validations/registry";
import type { z } from "zod";

const root = rootKey("registries");
export const registryKeys = { all: root(), list: (tenantId?: string) => root("list", tenantId ?? "all") };

export const useRegistries = (tenantId?: string) =>
  useQuery(itemsQuery<RegistryView>(registryKeys.list(tenantId), `/registries${qs({ tenantId })}`));

export function useRegistryMutations() {
  const invalidate = useInvalidate(registryKeys.all);
  return {
    create: useMutation(
      createAt<z.input<typeof RegistryCreateInput>, RegistryView>("/registries", invalidate),
    ),
    update: useMutation(
      updateAt<z.input<typeof RegistryUpdateInput>, RegistryView>("/registries", invalidate),
    ),
    remove: useMutation(removeAt("/registries", invalidate)),
  };
}
