import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type { ClusterHealthView } from "@/lib/validations/ops-views";

const root = rootKey("cluster");
export const clusterKeys = { all: root(), health: root("health") };

export const useClusterHealth = () =>
  useQuery({
    queryKey: clusterKeys.health,
    queryFn: () => api<ClusterHealthView>("/cluster/health"),
    refetchInterval: 10_000,
  });
