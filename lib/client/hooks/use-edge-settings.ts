"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type { PublishPolicyView, VolumeDriversView } from "@/lib/validations/edge";

const root = rootKey("edge");
/** The volume driver allow-list and each host's publishing policy. */
export const edgeKeys = {
  all: root(),
  volumeDrivers: root("volume-drivers"),
  publishing: (hostId: string) => root("publishing", hostId),
};

export const useVolumeDrivers = () =>
  useQuery({
    queryKey: edgeKeys.volumeDrivers,
    queryFn: () => api<VolumeDriversView>("/settings/volume-drivers"),
  });

export const usePublishPolicy = (hostId: string) =>
  useQuery({
    queryKey: edgeKeys.publishing(hostId),
    queryFn: () => api<PublishPolicyView>(`/hosts/${hostId}/publishing`),
  });

export function useEdgeSettingsMutations() {
  const qc = useQueryClient();
  return {
    setVolumeDrivers: useMutation({
      mutationFn: (drivers: string[]) =>
        api<VolumeDriversView>("/settings/volume-drivers", { method: "PUT", body: { drivers } }),
      onSuccess: (data) => qc.setQueryData(edgeKeys.volumeDrivers, data),
      meta: { silent: true },
    }),
    setPublishing: useMutation({
      mutationFn: ({ hostId, ...body }: PublishPolicyView) =>
        api<PublishPolicyView>(`/hosts/${hostId}/publishing`, { method: "PUT", body }),
      onSuccess: (data) => qc.setQueryData(edgeKeys.publishing(data.hostId), data),
      meta: { silent: true },
    }),
  };
}
