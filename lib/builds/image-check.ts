import "server-only";
// Image ownership in builds: every image the Dockerfile makes the builder read (FROM, FROM ${ARG},
// COPY --from, ONBUILD COPY --from) must be the tenant's own, shared, or pulled by the tenant with its
// own credentials right before the build. Checked when the build is requested (inline and upload:
// the Dockerfile is known then, so a refusal is a 403 and nothing is queued) and again when it runs
// (git sources are only cloned then; the engine may have changed in between).
import fs from "node:fs/promises";
import path from "node:path";
import { invalid } from "@/lib/api/errors";
import { checkImageAccess, pullAsTenant, type ImageUse } from "@/lib/deploy/image-access";
import { buildCacheSources } from "@/lib/images/access";
import { dockerfileImageRefs } from "@/lib/images/dockerfile-refs";
import { entryPath } from "./safe-path";
import type Docker from "dockerode";

/** The host's dockerode clients: `call` (with a timeout) and `stream` (pulls). */
export type HostDocker = { call: Docker; stream: Docker };

export type BuildImageScope = {
  tenantId: string;
  hostId: string;
  admin: boolean;
  contextDir: string;
  dockerfile: string;
  buildArgs: Record<string, string>;
};

/** The images the Dockerfile reads, keyed by reference; unresolvable references are a 422 naming the line. */
export async function dockerfileImages(s: BuildImageScope): Promise<Map<string, ImageUse>> {
  const text = await fs.readFile(path.join(s.contextDir, entryPath(s.dockerfile)), "utf8");
  const { uses, errors } = dockerfileImageRefs(text, s.buildArgs);
  if (errors[0])
    throw invalid(`dockerfile: line ${errors[0].line}: ${errors[0].reason}`, {
      dockerfile: `line ${errors[0].line}: ${errors[0].reason}`,
    });
  const out = new Map<string, ImageUse>();
  for (const u of uses)
    if (!out.has(u.ref)) out.set(u.ref, { field: `dockerfile: line ${u.line} (${u.instruction})` });
  return out;
}

/** At request time: 403 for an image the tenant can never use (pulls wait for the run). */
export async function refuseForeignBuildImages(s: BuildImageScope, { call }: HostDocker): Promise<void> {
  if (s.admin) return;
  await checkImageAccess(
    { docker: call, tenantId: s.tenantId, hostId: s.hostId },
    await dockerfileImages(s),
    false,
  );
}

/**
 * At run time: refuses or pulls (with the tenant's credentials, logged) what the Dockerfile reads, then
 * returns the build-cache restriction: only the tenant's own builds and the shared images may give
 * cached layers; with none of those the cache is off.
 */
export async function prepareBuildImages(
  s: BuildImageScope,
  { call, stream }: HostDocker,
  log: (text: string) => void,
): Promise<{ cacheFrom: string[]; noCache: boolean }> {
  const images = await dockerfileImages(s);
  const ctx = { docker: call, tenantId: s.tenantId, hostId: s.hostId };
  const toPull = await checkImageAccess(ctx, images, s.admin);
  await pullAsTenant({ ...ctx, slowDocker: stream }, toPull, (_phase, message) =>
    log(`[wharf] ${message}\n`),
  );
  if (s.admin) return { cacheFrom: [], noCache: false };
  const cacheFrom = await buildCacheSources(s.tenantId, s.hostId, call);
  return { cacheFrom, noCache: cacheFrom.length === 0 };
}
