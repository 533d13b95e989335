"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type { SwarmNodeDetailView, SwarmNodesView } from "@/lib/validations/ops-views";

const root = rootKey("swarm");
export const swarmKeys = { all: root(), nodes: root("nodes"), node: (id: string) => root("node", id) };

export const useSwarmNodes = () =>
  useQuery({
    queryKey: swarmKeys.nodes,
    queryFn: () => api<SwarmNodesView>("/swarm/nodes"),
    refetchInterval: 5000,
  });

/** While a node's tasks are open, they refresh every 2 s so a drain is seen moving them. */
export const useSwarmNode = (id: string | null) =>
  useQuery({
    queryKey: swarmKeys.node(id ?? ""),
    queryFn: () => api<SwarmNodeDetailView>(`/swarm/nodes/${id}`),
    enabled: !!id,
    refetchInterval: 2000,
  });

export function useSetAvailability() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, availability }: { id: string; availability: string }) =>
      api(`/swarm/nodes/${id}`, { method: "PATCH", body: { availability } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: swarmKeys.all }),
  });
}
