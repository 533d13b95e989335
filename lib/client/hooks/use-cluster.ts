"use client";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type { ClusterHealth } from "@/lib/client/ops-types";

const root = rootKey("cluster");
export const clusterKeys = { all: root(), health: root("health") };

export const useClusterHealth = () =>
  useQuery({
    queryKey: clusterKeys.health,
    queryFn: () => api<ClusterHealth>("/cluster/health"),
    refetchInterval: 10_000,
  });
