"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type { EgressAllowInput, EgressAllowView } from "@/lib/validations/egress";
import type { z } from "zod";

const root = rootKey("egress");
export const egressKeys = { all: root(), allow: root("allow") };

export const useEgressAllow = () =>
  useQuery({
    queryKey: egressKeys.allow,
    queryFn: () => api<{ items: EgressAllowView[] }>("/egress/allow").then((r) => r.items),
  });

export function useEgressAllowMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: egressKeys.all });
  return {
    add: useMutation({
      mutationFn: (body: z.input<typeof EgressAllowInput>) =>
        api<EgressAllowView>("/egress/allow", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    remove: useMutation({
      mutationFn: (id: string) => api(`/egress/allow/${id}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
  };
}
