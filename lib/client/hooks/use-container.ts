"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type { ContainerBulkView } from "@/lib/validations/ops";
import type { ContainerDetailView } from "@/lib/validations/ops-views";
import { fleetKeys } from "./use-fleet";

const root = rootKey("containers");
/** One container's page (the fleet's container lists are under lib/client/hooks/use-fleet.ts). */
export const containerKeys = { all: root(), detail: (id: string) => root(id) };

export type ContainerAction = "start" | "stop" | "restart" | "kill";

export const useContainer = (id: string, initialData?: ContainerDetailView) =>
  useQuery({
    queryKey: containerKeys.detail(id),
    queryFn: () => api<ContainerDetailView>(`/containers/${encodeURIComponent(id)}`),
    initialData,
    refetchInterval: 5000,
  });

export function useContainerMutations(id: string) {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: containerKeys.detail(id) });
  return {
    act: useMutation({
      mutationFn: (action: ContainerAction) =>
        api(`/containers/${encodeURIComponent(id)}/${action}`, { method: "POST" }),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: (force: boolean) =>
        api(`/containers/${encodeURIComponent(id)}?force=${force}`, { method: "DELETE" }),
      onSuccess: () => qc.invalidateQueries({ queryKey: containerKeys.all }),
    }),
  };
}

export type BulkAction = ContainerBulkView["action"];
export type { ContainerBulkView };

/** One action on the selected containers; the answer has one result per row. */
export function useBulkContainerAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { action: BulkAction; ids: string[] }) =>
      api<ContainerBulkView>("/containers/actions", { method: "POST", body }),
    onSettled: () => qc.invalidateQueries({ queryKey: fleetKeys.containers }),
  });
}
