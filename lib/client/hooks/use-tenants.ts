"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { Member, Tenant, TenantRole } from "@/lib/client/types";

export const useTenants = () =>
  useQuery({
    queryKey: queryKeys.tenants.all,
    queryFn: () => api<{ items: Tenant[] }>("/tenants").then((r) => r.items),
  });
export const useMembers = (tenantId: string) =>
  useQuery({
    queryKey: queryKeys.tenants.members(tenantId),
    queryFn: () => api<{ items: Member[] }>(`/tenants/${tenantId}/members`).then((r) => r.items),
  });

type TenantInput = { name?: string; maxContainers?: number; maxMemoryMb?: number; maxCpus?: number };

export function useTenantMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: queryKeys.tenants.all });
  return {
    create: useMutation({
      mutationFn: (body: TenantInput) => api<Tenant>("/tenants", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: TenantInput & { id: string }) =>
        api<Tenant>(`/tenants/${id}`, { method: "PATCH", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    remove: useMutation({
      mutationFn: ({ id, confirm }: { id: string; confirm: boolean }) =>
        api(`/tenants/${id}?confirm=${confirm}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
    setMember: useMutation({
      mutationFn: ({
        tenantId,
        userId,
        role,
      }: {
        tenantId: string;
        userId: string;
        role: TenantRole | null;
      }) => api(`/tenants/${tenantId}/members`, { method: "POST", body: { userId, role } }),
      onSuccess: () => {
        void invalidate();
        void qc.invalidateQueries({ queryKey: queryKeys.users.all });
      },
    }),
  };
}
