"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { GlobalRole, TenantRole, User } from "@/lib/client/types";

export const useUsers = () =>
  useQuery({
    queryKey: queryKeys.users.all,
    queryFn: () => api<{ items: User[] }>("/users").then((r) => r.items),
  });

type CreateInput = {
  email: string;
  name: string;
  globalRole: GlobalRole;
  memberships: { tenantId: string; role: TenantRole }[];
};
type UpdateInput = { id: string; globalRole?: GlobalRole; disabled?: boolean; resetPassword?: true };

export function useUserMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: queryKeys.users.all });
  return {
    create: useMutation({
      mutationFn: (body: CreateInput) =>
        api<{ user: User; oneTimePassword: string }>("/users", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: UpdateInput) =>
        api<{ user: User; oneTimePassword?: string }>(`/users/${id}`, { method: "PATCH", body }),
      onSuccess: invalidate,
    }),
  };
}
