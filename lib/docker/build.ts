import "server-only";
import { z } from "zod";
import { messageError, readEngineStream } from "@/lib/docker/json-stream";
import { engineStream } from "@/lib/docker/streams";
import type Docker from "dockerode";
import type { Readable } from "node:stream";

export type EngineBuildOptions = {
  dockerfile: string;
  tags: string[];
  buildArgs: Record<string, string>;
  target?: string;
  labels: Record<string, string>;
  /** The network RUN steps join (Wharf makes one per build). */
  network?: string;
  signal: AbortSignal;
  /** The only images cached layers may come from (empty: any local image, the engine's default). */
  cacheFrom?: string[];
  noCache?: boolean;
};

/** The build failed inside the engine (a step returned non-zero, a bad instruction…); the message is the engine's. */
export class EngineBuildError extends Error {}

/**
 * POST /build with the context streamed from `context` (a tar stream, never held whole in memory).
 * Log text is handed to `onLog` as the engine produces it. Aborting `signal` closes the request,
 * which makes the engine cancel the build and kill the step's container.
 */
export async function buildImage(
  docker: Docker,
  context: Readable,
  opts: EngineBuildOptions,
  onLog: (text: string) => void,
): Promise<string> {
  const options = {
    dockerfile: opts.dockerfile,
    t: opts.tags,
    buildargs: opts.buildArgs,
    ...(opts.target ? { target: opts.target } : {}),
    labels: opts.labels,
    ...(opts.network ? { networkmode: opts.network } : {}),
    ...(opts.cacheFrom?.length ? { cachefrom: JSON.stringify(opts.cacheFrom) } : {}),
    ...(opts.noCache ? { nocache: true } : {}),
    rm: true,
    forcerm: true,
    abortSignal: opts.signal,
  };
  // The engine takes `t` once per tag: dockerode sends an array as repeated parameters but types `t` as one string.
  const stream = engineStream(await docker.buildImage(context, options as object));
  let imageId = "";
  let error = "";
  await readEngineStream(stream, (m) => {
    if (m.stream) onLog(m.stream);
    else if (m.status && !m.progress) onLog(`${m.id ? `${m.id}: ` : ""}${m.status}\n`);
    if (m.aux?.ID) imageId = m.aux.ID;
    const e = messageError(m);
    if (e) {
      error = e;
      onLog(`${e}\n`);
    }
  });
  if (opts.signal.aborted) throw new EngineBuildError("cancelled");
  if (error) throw new EngineBuildError(error);
  if (!imageId) throw new EngineBuildError("the engine closed the build without producing an image");
  return imageId;
}

export async function inspectImage(
  docker: Docker,
  ref: string,
): Promise<{ id: string; sizeBytes: number; tags: string[]; labels: Record<string, string> }> {
  const info = await docker.getImage(ref).inspect();
  return { id: info.Id, sizeBytes: info.Size, tags: info.RepoTags ?? [], labels: info.Config?.Labels ?? {} };
}

const Triggers = z.array(z.string()).nullish();

/** The ONBUILD triggers an image runs in a build FROM it (none when it has none or is not on the host). */
export async function onBuildTriggers(docker: Docker, ref: string): Promise<string[]> {
  const info = await docker
    .getImage(ref)
    .inspect()
    .catch(() => null);
  const parsed = Triggers.safeParse(info?.Config?.OnBuild);
  return (parsed.success && parsed.data) || [];
}

export async function tagImage(docker: Docker, id: string, repo: string, tag: string): Promise<void> {
  await docker.getImage(id).tag({ repo, tag });
}

/** Removes one name of an image (the image stays while other names or containers use it). */
export async function untagImage(docker: Docker, ref: string): Promise<void> {
  await docker
    .getImage(ref)
    .remove({ noprune: true })
    .catch(() => undefined);
}
