import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { userKeys } from "@/lib/client/hooks/use-users";
import { rootKey } from "@/lib/client/keys";
import { createAt, updateAt, useInvalidate } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import type { TenantRole } from "@/lib/validations/roles";
import type { SharedObjectInput, SharedObjectView } from "@/lib/validations/shared-object";
import type {
  MemberView,
  TenantCreateInput,
  TenantDetailView,
  TenantUpdateInput,
  TenantView,
} from "@/lib/validations/tenant";
import type { z } from "zod";

const root = rootKey("tenants");
export const tenantKeys = {
  all: root(),
  members: (id: string) => root(id, "members"),
  sharedObjects: (id: string) => root(id, "shared-objects"),
  edge: (id: string) => root(id, "edge"),
};

export const useTenants = () => useQuery(itemsQuery<TenantView>(tenantKeys.all, "/tenants"));
/** A tenant with what deleting it would remove, read just before asking to confirm. */
export const fetchTenantDetail = (id: string) => api<TenantDetailView>(`/tenants/${id}`);
export const useMembers = (tenantId: string) =>
  useQuery(itemsQuery<MemberView>(tenantKeys.members(tenantId), `/tenants/${tenantId}/members`));

export function useTenantMutations() {
  const invalidate = useInvalidate(tenantKeys.all);
  const invalidateUsers = useInvalidate(userKeys.all);
  return {
    create: useMutation(createAt<z.input<typeof TenantCreateInput>, TenantView>("/tenants", invalidate)),
    update: useMutation(updateAt<z.input<typeof TenantUpdateInput>, TenantView>("/tenants", invalidate)),
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
        void invalidateUsers();
      },
    }),
  };
}

/** Networks and volumes an admin shared with the tenant (its apps name them with `external: true`). */
export const useSharedObjects = (tenantId: string) =>
  useQuery(
    itemsQuery<SharedObjectView>(tenantKeys.sharedObjects(tenantId), `/tenants/${tenantId}/shared-objects`),
  );

export function useSharedObjectMutations(tenantId: string) {
  const invalidate = useInvalidate(tenantKeys.sharedObjects(tenantId));
  return {
    share: useMutation({
      mutationFn: (body: z.input<typeof SharedObjectInput>) =>
        api<SharedObjectView>(`/tenants/${tenantId}/shared-objects`, { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    unshare: useMutation({
      mutationFn: (id: string) => api(`/tenants/${tenantId}/shared-objects/${id}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
  };
}
