import "server-only";
import { rethrow } from "@/lib/api/errors";
import { hostConnection } from "@/lib/docker/host-connection";
import { listHostNetworks } from "@/lib/docker/host-networks";
import { listHostVolumes } from "@/lib/docker/host-volumes";
import { listImages, pruneImages, removeImage } from "@/lib/docker/images";
import { sampleStats } from "@/lib/docker/stats";
import { diskUsage, recentEvents } from "@/lib/docker/system";
import type { AccessibleContainer } from "@/lib/services/container-access";
import type {
  DiskUsageView,
  EngineEventView,
  ImagePruneView,
  ImageView,
  NetworkView,
  VolumeView,
} from "@/lib/validations/ops-views";

// A host's engine-wide resources for admins and ops (images, networks, volumes, disk use, events): route handlers
// call these and never lib/docker, and every engine refusal becomes an API error here, in one place.

export const hostImages = async (hostId: string): Promise<ImageView[]> =>
  listImages(await hostConnection(hostId)).catch(rethrow("Host"));

export const hostNetworks = async (hostId: string): Promise<NetworkView[]> =>
  listHostNetworks(await hostConnection(hostId)).catch(rethrow("Host"));

export const hostVolumes = async (hostId: string): Promise<VolumeView[]> =>
  listHostVolumes(await hostConnection(hostId)).catch(rethrow("Host"));

export const hostDiskUsage = async (hostId: string): Promise<DiskUsageView> =>
  diskUsage(await hostConnection(hostId)).catch(rethrow("Host"));

export async function hostRecentEvents(
  hostId: string,
  q: { since: number; limit: number; type?: string },
): Promise<EngineEventView[]> {
  return recentEvents(await hostConnection(hostId), {
    sinceSeconds: q.since,
    limit: q.limit,
    filters: q.type ? { type: [q.type] } : undefined,
  }).catch(rethrow("Host"));
}

export const removeHostImage = async (hostId: string, imageId: string, force: boolean) =>
  removeImage(await hostConnection(hostId), imageId, force).catch(rethrow("Image"));

export const pruneHostImages = async (
  hostId: string,
  opts: { all: boolean; label?: string },
): Promise<ImagePruneView> => pruneImages(await hostConnection(hostId), opts).catch(rethrow("Host"));

/** One stats sample of a container the caller already loaded with its access checked. */
export const containerStatsSample = (c: AccessibleContainer) =>
  sampleStats(c.host, c.id).catch(rethrow("Container"));
