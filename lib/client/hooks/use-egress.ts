"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { EgressAllowViewT } from "@/lib/validations/egress";

export type EgressAllow = EgressAllowViewT;

export const useEgressAllow = () =>
  useQuery({
    queryKey: queryKeys.egressAllow.all,
    queryFn: () => api<{ items: EgressAllow[] }>("/egress/allow").then((r) => r.items),
  });

export function useEgressAllowMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: queryKeys.egressAllow.all });
  return {
    add: useMutation({
      mutationFn: (body: { entry: string; note: string }) =>
        api<EgressAllow>("/egress/allow", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    remove: useMutation({
      mutationFn: (id: string) => api(`/egress/allow/${id}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
  };
}
