"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { DiskUsage, EngineEvent, ImageRow, NetworkRow, VolumeRow } from "@/lib/client/ops-types";
import { hostKeys } from "./use-hosts";

const list = <T>(path: string) => api<{ items: T[] }>(path).then((r) => r.items);

export const useHostImages = (hostId: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "images"),
    queryFn: () => list<ImageRow>(`/hosts/${hostId}/images`),
  });
export const useHostVolumes = (hostId: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "volumes"),
    queryFn: () => list<VolumeRow>(`/hosts/${hostId}/volumes`),
  });
export const useHostNetworks = (hostId: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "networks"),
    queryFn: () => list<NetworkRow>(`/hosts/${hostId}/networks`),
  });
export const useHostDf = (hostId: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "df"),
    queryFn: () => api<DiskUsage>(`/hosts/${hostId}/df`),
  });
export const useHostEvents = (hostId: string, since: number, type: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "events", { since, type }),
    queryFn: () => list<EngineEvent>(`/hosts/${hostId}/events?since=${since}${type ? `&type=${type}` : ""}`),
    refetchInterval: 10_000,
  });

export function useImageMutations(hostId: string) {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: hostKeys.resources(hostId) });
  return {
    remove: useMutation({
      mutationFn: ({ id, force }: { id: string; force: boolean }) =>
        api(`/hosts/${hostId}/images/${encodeURIComponent(id)}?force=${force}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
    prune: useMutation({
      mutationFn: (all: boolean) =>
        api<{ deleted: string[]; spaceReclaimedBytes: number }>(`/hosts/${hostId}/images/prune`, {
          method: "POST",
          body: { all },
        }),
      onSuccess: invalidate,
    }),
  };
}
