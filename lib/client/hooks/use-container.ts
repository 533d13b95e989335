"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { ContainerDetail } from "@/lib/client/ops-types";
import type { ContainerBulkView } from "@/lib/validations/ops";
import { opsKeys } from "./ops-keys";
import { fleetKeys } from "./use-fleet";

export type ContainerAction = "start" | "stop" | "restart" | "kill";

export const useContainer = (id: string, initialData?: ContainerDetail) =>
  useQuery({
    queryKey: opsKeys.container(id),
    queryFn: () => api<ContainerDetail>(`/containers/${encodeURIComponent(id)}`),
    initialData,
    refetchInterval: 5000,
  });

export function useContainerMutations(id: string) {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: opsKeys.container(id) });
  return {
    act: useMutation({
      mutationFn: (action: ContainerAction) =>
        api(`/containers/${encodeURIComponent(id)}/${action}`, { method: "POST" }),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: (force: boolean) =>
        api(`/containers/${encodeURIComponent(id)}?force=${force}`, { method: "DELETE" }),
      onSuccess: () => qc.invalidateQueries({ queryKey: ["containers"] }),
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
