"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { AppPreviewsView, PreviewView } from "@/lib/validations/preview";
import { appKeys } from "./use-apps";

export type { AppPreviewsView, PreviewView };

/** The app's previews; refreshed every 5 s while one is deploying. */
export const useAppPreviews = (appId: string) =>
  useQuery({
    queryKey: appKeys.previews(appId),
    queryFn: () => api<AppPreviewsView>(`/apps/${appId}/previews`),
    refetchInterval: (q) => (q.state.data?.items.some((p) => p.status === "deploying") ? 5000 : 30_000),
  });

export function useSetPreviews(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      api<AppPreviewsView>(`/apps/${appId}/previews`, { method: "PUT", body: { enabled } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.previews(appId) }),
    meta: { silent: true },
  });
}

export function usePreviewAction(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ number, action }: { number: number; action: "approve" | "remove" }) =>
      action === "approve"
        ? api(`/apps/${appId}/previews/${number}/approve`, { method: "POST" })
        : api(`/apps/${appId}/previews/${number}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.previews(appId) }),
    meta: { silent: true },
  });
}
