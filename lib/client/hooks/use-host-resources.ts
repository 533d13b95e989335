"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/api";
import type {
  DiskUsageView,
  EngineEventView,
  ImagePruneView,
  ImageView,
  NetworkView,
  VolumeView,
} from "@/lib/validations/ops-views";
import { hostKeys } from "./use-hosts";

// Images, volumes and networks follow the tenant context (the tenant's own, by Wharf's records); disk use and events
// are the engine's as a whole.
const list = <T>(path: string) => api<{ items: T[] }>(path).then((r) => r.items);

export const useHostImages = (hostId: string, tenantId?: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "images", tenantId ?? "all"),
    queryFn: () => list<ImageView>(`/hosts/${hostId}/images${qs({ tenantId })}`),
  });
export const useHostVolumes = (hostId: string, tenantId?: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "volumes", tenantId ?? "all"),
    queryFn: () => list<VolumeView>(`/hosts/${hostId}/volumes${qs({ tenantId })}`),
  });
export const useHostNetworks = (hostId: string, tenantId?: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "networks", tenantId ?? "all"),
    queryFn: () => list<NetworkView>(`/hosts/${hostId}/networks${qs({ tenantId })}`),
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
