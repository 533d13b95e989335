"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { ApiToken } from "@/lib/client/types";

export const useTokens = () =>
  useQuery({
    queryKey: queryKeys.tokens.all,
    queryFn: () => api<{ items: ApiToken[] }>("/tokens").then((r) => r.items),
  });

export function useTokenMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: queryKeys.tokens.all });
  return {
    create: useMutation({
      mutationFn: (body: { name: string; expiresInDays?: number }) =>
        api<ApiToken & { token: string }>("/tokens", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    revoke: useMutation({
      mutationFn: (id: string) => api(`/tokens/${id}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
  };
}
