"use client";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { ClusterHealth } from "@/lib/client/ops-types";
import { opsKeys } from "./ops-keys";

export const useClusterHealth = () =>
  useQuery({
    queryKey: opsKeys.cluster,
    queryFn: () => api<ClusterHealth>("/cluster/health"),
    refetchInterval: 10_000,
  });
