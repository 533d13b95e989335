import "server-only";
// Image ownership on the deploy paths (create, plan, deploy, scale, rollback, service update,
// webhook redeploy): every one reaches planDeploy/deploySpec, which call these two steps.
import { ApiError, forbidden, hostReadError, invalid } from "@/lib/api/errors";
import type { AppSpec } from "@/lib/compose/spec";
import { imageContent, localImageId } from "@/lib/docker/deploy-containers";
import { engineMessage } from "@/lib/docker/engine-error";
import {
  imageVerdicts,
  isUsableImageId,
  notAvailableReason,
  recordTenantImage,
  type AccessContext,
} from "@/lib/images/access";
import { contentPin } from "@/lib/images/pin";
import { ImageReference } from "@/lib/validations/image";
import { DeployError } from "./errors";
import { pullForService } from "./pull";
import type { Progress } from "./types";

/** Where an image is named: the field a refusal points at, and the deploy service (for progress lines). */
export type ImageUse = { field: string; service?: string };

/** image → the first service that runs it (services still to be built have no image to check). */
export function specImages(spec: AppSpec): Map<string, ImageUse> {
  const out = new Map<string, ImageUse>();
  for (const [name, s] of Object.entries(spec.services))
    if (!s.build && !out.has(s.image)) out.set(s.image, { field: `services.${name}.image`, service: name });
  return out;
}

/** Refuses (403, naming the image) what the tenant can never use; returns what it must pull itself first. */
export async function checkImageAccess(
  ctx: AccessContext,
  images: Map<string, ImageUse>,
  admin: boolean,
): Promise<Map<string, ImageUse>> {
  const toPull = new Map<string, ImageUse>();
  for (const [image, use] of images)
    if (!ImageReference.safeParse(image).success)
      throw invalid(`${use.field}: "${image}" is not an image reference`, {
        [use.field]: "not an image reference",
      });
  if (admin) return toPull; // admins keep full access
  const verdicts = await imageVerdicts(ctx, [...images.keys()]).catch((err: unknown) => {
    throw hostReadError(err);
  });
  for (const [image, use] of images) {
    const v = verdicts.get(image);
    if (v === "refused")
      throw forbidden(`${use.field}: image "${image}" is ${notAvailableReason}`, {
        [use.field]: notAvailableReason,
      });
    if (v === "pull") toPull.set(image, use);
  }
  return toPull;
}

/**
 * Pulls each image with the tenant's own registry credentials and records it as the tenant's. A failed
 * pull is the same 403 whether or not the engine already holds that reference for someone else.
 */
export async function pullAsTenant(
  ctx: AccessContext & { slowDocker: AccessContext["docker"] },
  toPull: Map<string, ImageUse>,
  progress: Progress,
): Promise<void> {
  for (const [image, use] of toPull) {
    try {
      await pullForService(ctx.slowDocker, ctx.tenantId, image, use.service ?? use.field, progress);
    } catch (err) {
      const why = err instanceof DeployError ? err.message : engineMessage(err);
      throw new ApiError(
        403,
        "forbidden",
        `${use.field}: image "${image}" is ${notAvailableReason} (${why})`,
        {
          [use.field]: `${notAvailableReason} (${why})`,
        },
      );
    }
    const id = await localImageId(ctx.docker, image);
    if (id) await recordTenantImage(ctx.tenantId, ctx.hostId, id, image, "pull");
  }
}

/**
 * Swarm: nodes resolve a name in their own stores, so the service names the content decided here, on the
 * manager, from Wharf's records: the image under that name must be the tenant's own or shared (checked
 * again, by id, right before the service is written), and the service gets its digest or its id
 * (lib/images/pin.ts) — whatever a worker holds under the same name.
 */
export async function pinSwarmImage(
  ctx: AccessContext,
  image: string,
  admin: boolean,
  service: string,
): Promise<string> {
  const content = await imageContent(ctx.docker, image);
  if (!content) {
    if (admin) return image; // admins may name what only the nodes hold
    throw new DeployError(
      `${service}: image "${image}" is not on the Swarm manager (it is checked there)`,
      service,
    );
  }
  if (!admin && !(await isUsableImageId(ctx, content.id)))
    throw new DeployError(`${service}: image "${image}" is ${notAvailableReason}`, service);
  return contentPin(image, content.id, content.repoDigests);
}
