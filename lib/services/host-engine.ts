import "server-only";
import { rethrow } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { scopedTenantIds } from "@/lib/authz";
import { hostConnection } from "@/lib/docker/host-connection";
import { listHostNetworks } from "@/lib/docker/host-networks";
import { listHostVolumes } from "@/lib/docker/host-volumes";
import { listImages, pruneImages, removeImage } from "@/lib/docker/images";
import { sampleStats } from "@/lib/docker/stats";
import { diskUsage, recentEvents } from "@/lib/docker/system";
import { getFleet } from "@/lib/fleet/service";
import { tenantImageIds } from "@/lib/images/access";
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
//
// In a tenant context (`tenantId`) each list keeps what Wharf's records tie to that tenant, never a name or label:
// images it built or pulled on this host (TenantImage rows), and volumes and networks its containers use (a
// container's tenant is the fleet cache's, from its ownership proof). An unused volume of the tenant is not shown.

/** Whether this container on this host is the tenant's (proved labels, kept by the fleet cache). */
const tenantsContainer = (hostId: string, tenantId: string) => (id: string) =>
  getFleet().store.get(hostId, id)?.tenant === tenantId;

export async function hostImages(actor: Actor, hostId: string, tenantId?: string): Promise<ImageView[]> {
  await scopedTenantIds(actor, tenantId);
  const images = await listImages(await hostConnection(hostId)).catch(rethrow("Host"));
  if (!tenantId) return images;
  const own = await tenantImageIds(tenantId, hostId);
  return images.filter((i) => own.has(i.id));
}

export async function hostNetworks(actor: Actor, hostId: string, tenantId?: string): Promise<NetworkView[]> {
  await scopedTenantIds(actor, tenantId);
  const networks = await listHostNetworks(await hostConnection(hostId)).catch(rethrow("Host"));
  if (!tenantId) return networks;
  const mine = tenantsContainer(hostId, tenantId);
  return networks.filter((n) => n.containerIds.some(mine));
}

export async function hostVolumes(actor: Actor, hostId: string, tenantId?: string): Promise<VolumeView[]> {
  await scopedTenantIds(actor, tenantId);
  const volumes = await listHostVolumes(await hostConnection(hostId)).catch(rethrow("Host"));
  if (!tenantId) return volumes;
  const mine = tenantsContainer(hostId, tenantId);
  return volumes.filter((v) => v.containers.some((c) => mine(c.id)));
}

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
