"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { ContainerDetail } from "@/lib/client/ops-types";
import { opsKeys } from "./ops-keys";

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
