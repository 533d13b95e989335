"use client";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { AppTrafficView } from "@/lib/validations/domain";
import { appKeys } from "./use-apps";

export type { AppTrafficView };

/** The app's per-domain traffic figures, refreshed every 10 s (the figures' slot). */
export const useAppTraffic = (appId: string) =>
  useQuery({
    queryKey: appKeys.traffic(appId),
    queryFn: () => api<AppTrafficView>(`/apps/${appId}/traffic`),
    refetchInterval: 10_000,
  });
