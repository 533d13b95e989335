"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type { CreatedTokenView, TokenCreateInput, TokenView } from "@/lib/validations/auth";
import type { z } from "zod";

const root = rootKey("tokens");
export const tokenKeys = { all: root() };

export const useTokens = () =>
  useQuery({
    queryKey: tokenKeys.all,
    queryFn: () => api<{ items: TokenView[] }>("/tokens").then((r) => r.items),
  });

export function useTokenMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: tokenKeys.all });
  return {
    create: useMutation({
      mutationFn: (body: z.input<typeof TokenCreateInput>) =>
        api<CreatedTokenView>("/tokens", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    revoke: useMutation({
      mutationFn: (id: string) => api(`/tokens/${id}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
  };
}
