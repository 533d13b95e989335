import "server-only";
// Which images a tenant may use on a host (docs/security.md, "Images"): those Wharf recorded it
// building or pulling (TenantImage, keyed by the engine's image id), and those an admin shared
// (SharedImage, by reference, resolved on the host each time). Never decided from a name or a label.
import { db } from "@/lib/db";
import { localImageId } from "@/lib/docker/deploy-containers";
import { isLocalOnlyReference, withDefaultTag } from "./reference";
import type Docker from "dockerode";

/** usable: own or shared; pull: must be pulled with the tenant's own credentials first; refused: cannot be. */
export type ImageVerdict = "usable" | "pull" | "refused";

export type AccessContext = { docker: Docker; tenantId: string; hostId: string };

/** Engine ids of every shared reference present on this host. */
export async function sharedImageIds(docker: Docker): Promise<Set<string>> {
  const shared = await db.sharedImage.findMany({ select: { reference: true } });
  const ids = await Promise.all(shared.map((s) => localImageId(docker, s.reference).catch(() => null)));
  return new Set(ids.filter((x): x is string => !!x));
}

export async function isSharedReference(ref: string): Promise<boolean> {
  return !!(await db.sharedImage.findUnique({ where: { reference: withDefaultTag(ref) } }));
}

async function ownsImage(tenantId: string, hostId: string, imageId: string): Promise<boolean> {
  const row = await db.tenantImage.findUnique({
    where: { tenantId_hostId_imageId: { tenantId, hostId, imageId } },
    select: { id: true },
  });
  return !!row;
}

/** An engine image id the tenant may run: recorded as its own on this host, or shared. */
export async function isUsableImageId(ctx: AccessContext, id: string): Promise<boolean> {
  return (await ownsImage(ctx.tenantId, ctx.hostId, id)) || (await sharedImageIds(ctx.docker)).has(id);
}

/**
 * What the engine has under `ref` decides, not the name: another tenant's image under a name this tenant
 * may pull is pulled again with this tenant's credentials (the registry decides), never used as it is.
 */
export async function imageVerdict(
  ctx: AccessContext,
  ref: string,
  shared?: Set<string>,
): Promise<ImageVerdict> {
  const id = await localImageId(ctx.docker, ref.trim());
  if (id) {
    if (await ownsImage(ctx.tenantId, ctx.hostId, id)) return "usable";
    if ((shared ?? (await sharedImageIds(ctx.docker))).has(id)) return "usable";
    // The engine answers a pull by digest from its own store, without asking the registry: not a check.
    if (ref.includes("@sha256:")) return "refused";
  } else if (await isSharedReference(ref)) {
    return "pull"; // shared, but not on this host yet
  }
  return isLocalOnlyReference(ref) ? "refused" : "pull";
}

/** Verdicts for several references (shared ids read once). */
export async function imageVerdicts(ctx: AccessContext, refs: string[]): Promise<Map<string, ImageVerdict>> {
  const shared = await sharedImageIds(ctx.docker);
  const out = new Map<string, ImageVerdict>();
  for (const ref of new Set(refs)) out.set(ref, await imageVerdict(ctx, ref, shared));
  return out;
}

/** Engine ids of the images Wharf recorded the tenant building or pulling on this host. */
export async function tenantImageIds(tenantId: string, hostId: string): Promise<Set<string>> {
  const own = await db.tenantImage.findMany({ where: { tenantId, hostId }, select: { imageId: true } });
  return new Set(own.map((r) => r.imageId));
}

/** Records that the tenant built or pulled this image on this host (idempotent). */
export async function recordTenantImage(
  tenantId: string,
  hostId: string,
  imageId: string,
  reference: string,
  origin: "build" | "pull",
): Promise<void> {
  await db.tenantImage.upsert({
    where: { tenantId_hostId_imageId: { tenantId, hostId, imageId } },
    create: { tenantId, hostId, imageId, reference, origin },
    update: {},
  });
}

/**
 * The only images a tenant's build may take cached layers from: its own builds on this host (newest
 * first) and the shared images. Empty means "no cache at all" (the engine would otherwise use every
 * local image, other tenants' included).
 */
export async function buildCacheSources(tenantId: string, hostId: string, docker: Docker): Promise<string[]> {
  const own = await db.tenantImage.findMany({
    where: { tenantId, hostId, origin: "build" },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { imageId: true },
  });
  return [...new Set([...own.map((r) => r.imageId), ...(await sharedImageIds(docker))])];
}

/** The refusal every path uses: names the image, says nothing about who else may have it. */
export const notAvailableReason =
  "not available to this tenant — use its own built or pulled images, images an admin shared, or a reference it can pull with its own registry credentials";
