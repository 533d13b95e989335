"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type { SharedImageInput, SharedImageView } from "@/lib/validations/image";
import type { z } from "zod";

const root = rootKey("shared-images");
export const sharedImageKeys = { all: root() };

export const useSharedImages = () =>
  useQuery({
    queryKey: sharedImageKeys.all,
    queryFn: () => api<{ items: SharedImageView[] }>("/images/shared").then((r) => r.items),
  });

export function useSharedImageMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: sharedImageKeys.all });
  return {
    share: useMutation({
      mutationFn: (body: z.input<typeof SharedImageInput>) =>
        api<SharedImageView>("/images/shared", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    unshare: useMutation({
      mutationFn: (id: string) => api(`/images/shared/${id}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
  };
}
