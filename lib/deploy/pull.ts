import "server-only";
import { errorText } from "@/lib/api/errors";
// Image pulls for deploys: with the tenant's registry credentials (Registries page) when the image's
// registry host matches one of them, per-layer progress lines, and errors that say when the
// registry wanted credentials. A password never reaches a message: the engine does not echo it, and
// anything we build from its text is scrubbed anyway.
import { registryAuthFor, registryForSwarmBuild } from "@/lib/builds/registry-credentials";
import { engineMessage } from "@/lib/docker/engine-error";
import type { EngineMessage } from "@/lib/docker/json-stream";
import { pullImage, type RegistryAuth } from "@/lib/docker/pull-auth";
import { registryHostOf } from "@/lib/validations/image-tags";
import { DeployError } from "./errors";
import type { Progress } from "./types";
import type Docker from "dockerode";

const AUTH_RE =
  /no basic auth credentials|unauthorized|authentication required|access denied|denied: |401|incorrect username or password/i;

export const scrub = (text: string, auth: RegistryAuth | null) =>
  auth?.password ? text.replaceAll(auth.password, "***") : text;

/** Turns engine pull messages into progress lines: one per layer status change, downloads at most once a second per layer. */
export function pullReporter(image: string, service: string, progress: Progress, auth: RegistryAuth | null) {
  const last = new Map<string, { status: string; at: number }>();
  return (m: EngineMessage) => {
    if (!m.status) return;
    const key = m.id ?? "";
    const prev = last.get(key);
    const now = Date.now();
    if (prev && prev.status === m.status && now - prev.at < 1000) return;
    last.set(key, { status: m.status, at: now });
    const detail = `${m.id ? `${m.id}: ` : ""}${m.status}${m.progress ? ` ${m.progress}` : ""}`;
    progress("pulling", scrub(`pulling ${image}: ${detail}`, auth), service);
  };
}

/** Why a pull failed, for the deploy error (names the image, and the registry when it asked for credentials). */
export function pullFailure(
  image: string,
  service: string,
  auth: RegistryAuth | null,
  err: unknown,
): DeployError {
  const engine = scrub(engineMessage(err), auth);
  const host = registryHostOf(image);
  if (AUTH_RE.test(engine)) {
    const why = auth
      ? `the registry ${host} refused the tenant's stored credentials for user ${auth.username} — update them under Registries`
      : `the registry ${host} requires authentication and this tenant has no registry for ${host} — add it under Registries`;
    return new DeployError(
      `${service}: image ${image} could not be pulled: authentication required: ${why} (engine: ${engine})`,
      service,
    );
  }
  return new DeployError(`${service}: image ${image} could not be pulled: ${engine}`, service);
}

export { registryForSwarmBuild };

/**
 * The tenant's credentials for this image's registry, or null (public image, or no registry registered).
 * A registry the egress policy refuses (or whose token realm it refuses) fails the service, naming it.
 */
export async function authForImage(
  tenantId: string,
  image: string,
  service = "",
): Promise<RegistryAuth | null> {
  try {
    return await registryAuthFor(tenantId, image);
  } catch (err) {
    throw new DeployError(`${service ? `${service}: ` : ""}image ${image}: ${errorText(err)}`, service);
  }
}

/** Pulls one image for a service with the tenant's credentials, streaming progress; throws a DeployError. */
export async function pullForService(
  docker: Docker,
  tenantId: string,
  image: string,
  service: string,
  progress: Progress,
): Promise<void> {
  const auth = await authForImage(tenantId, image, service);
  progress(
    "pulling",
    `pulling ${image}${auth ? ` (as ${auth.username} on ${registryHostOf(image)})` : ""}`,
    service,
  );
  try {
    await pullImage(docker, image, auth, pullReporter(image, service, progress, auth));
  } catch (err) {
    throw pullFailure(image, service, auth, err);
  }
}
