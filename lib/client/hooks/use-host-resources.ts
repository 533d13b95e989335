"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { api, apiItems, qs } from "@/lib/client/api";
import { useInvalidate } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import type * as Ops from "@/lib/validations/ops-views";
import { hostKeys } from "./use-hosts";

// Images, volumes and networks follow the tenant context (the tenant's own, by Wharf's records); disk use and events
// are the engine's as a whole.

export const useHostImages = (hostId: string, tenantId?: string) =>
  useQuery(
    itemsQuery<Ops.ImageView>(
      hostKeys.resource(hostId, "images", tenantId ?? "all"),
      `/hosts/${hostId}/images${qs({ tenantId })}`,
    ),
  );
export const useHostVolumes = (hostId: string, tenantId?: string) =>
  useQuery(
    itemsQuery<Ops.VolumeView>(
      hostKeys.resource(hostId, "volumes", tenantId ?? "all"),
      `/hosts/${hostId}/volumes${qs({ tenantId })}`,
    ),
  );
export const useHostNetworks = (hostId: string, tenantId?: string) =>
  useQuery(
    itemsQuery<Ops.NetworkView>(
      hostKeys.resource(hostId, "networks", tenantId ?? "all"),
      `/hosts/${hostId}/networks${qs({ tenantId })}`,
    ),
  );
export const useHostDf = (hostId: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "df"),
    queryFn: () => api<Ops.DiskUsageView>(`/hosts/${hostId}/df`),
  });
export const useHostEvents = (hostId: string, since: number, type: string) =>
  useQuery({
    queryKey: hostKeys.resource(hostId, "events", { since, type }),
    queryFn: () =>
      apiItems<Ops.EngineEventView>(`/hosts/${hostId}/events?since=${since}${type ? `&type=${type}` : ""}`),
    refetchInterval: 10_000,
  });

export function useImageMutations(hostId: string) {
  const invalidate = useInvalidate(hostKeys.resources(hostId));
  return {
    remove: useMutation({
      mutationFn: ({ id, force }: { id: string; force: boolean }) =>
        api(`/hosts/${hostId}/images/${encodeURIComponent(id)}?force=${force}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
    prune: useMutation({
      mutationFn: (all: boolean) =>
        api<Ops.ImagePruneView>(`/hosts/${hostId}/images/prune`, {
          method: "POST",
          body: { all },
        }),
      onSuccess: invalidate,
    }),
  };
}
