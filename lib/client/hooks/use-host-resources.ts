"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type {
  DiskUsageView,
  EngineEventView,
  ImagePruneView,
  ImageView,
  NetworkView,
  VolumeView,
} from "@/lib/validations/ops-views";
import { hostKeys } from "./use-hosts";

const list = <T>(path: string) => api<{ items: T[] }>(path).then((r) => r.items);

export const useHostImages = (hostId: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "images"),
    queryFn: () => list<ImageView>(`/hosts/${hostId}/images`),
  });
export const useHostVolumes = (hostId: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "volumes"),
    queryFn: () => list<VolumeView>(`/hosts/${hostId}/volumes`),
  });
export const useHostNetworks = (hostId: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "networks"),
    queryFn: () => list<NetworkView>(`/hosts/${hostId}/networks`),
  });
export const useHostDf = (hostId: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "df"),
    queryFn: () => api<DiskUsageView>(`/hosts/${hostId}/df`),
  });
export const useHostEvents = (hostId: string, since: number, type: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "events", { since, type }),
    queryFn: () =>
      list<EngineEventView>(`/hosts/${hostId}/events?since=${since}${type ? `&type=${type}` : ""}`),
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
        api<ImagePruneView>(`/hosts/${hostId}/images/prune`, {
          method: "POST",
          body: { all },
        }),
      onSuccess: invalidate,
    }),
  };
}
