"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { userKeys } from "@/lib/client/hooks/use-users";
import { rootKey } from "@/lib/client/keys";
import type { TenantRole } from "@/lib/validations/roles";
import type {
  MemberView,
  TenantCreateInput,
  TenantDetailView,
  TenantUpdateInput,
  TenantView,
} from "@/lib/validations/tenant";
import type { z } from "zod";

const root = rootKey("tenants");
export const tenantKeys = { all: root(), members: (id: string) => root(id, "members") };

export const useTenants = () =>
  useQuery({
    queryKey: tenantKeys.all,
    queryFn: () => api<{ items: TenantView[] }>("/tenants").then((r) => r.items),
  });
/** A tenant with what deleting it would remove, read just before asking to confirm. */
export const fetchTenantDetail = (id: string) => api<TenantDetailView>(`/tenants/${id}`);
export const useMembers = (tenantId: string) =>
  useQuery({
    queryKey: tenantKeys.members(tenantId),
    queryFn: () => api<{ items: MemberView[] }>(`/tenants/${tenantId}/members`).then((r) => r.items),
  });

export function useTenantMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: tenantKeys.all });
  return {
    create: useMutation({
      mutationFn: (body: z.input<typeof TenantCreateInput>) =>
        api<TenantView>("/tenants", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: z.input<typeof TenantUpdateInput> & { id: string }) =>
        api<TenantView>(`/tenants/${id}`, { method: "PATCH", body }),
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
        void qc.invalidateQueries({ queryKey: userKeys.all });
      },
    }),
  };
}
