"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { SharedImageView } from "@/lib/validations/image";

export type SharedImage = SharedImageView;

export const useSharedImages = () =>
  useQuery({
    queryKey: queryKeys.sharedImages.all,
    queryFn: () => api<{ items: SharedImage[] }>("/images/shared").then((r) => r.items),
  });

export function useSharedImageMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: queryKeys.sharedImages.all });
  return {
    share: useMutation({
      mutationFn: (body: { reference: string; note: string }) =>
        api<SharedImage>("/images/shared", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    unshare: useMutation({
      mutationFn: (id: string) => api(`/images/shared/${id}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
  };
}
