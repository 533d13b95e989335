import "server-only";
import { messageError, readEngineStream } from "@/lib/docker/json-stream";
import type { RegistryAuth } from "@/lib/docker/pull-auth";
import { engineStream } from "@/lib/docker/streams";
import type Docker from "dockerode";

/** Pushes `repo:tag` (already tagged with the registry host) with the registry's credentials; progress goes to `onLog`. */
export async function pushImage(
  docker: Docker,
  repo: string,
  tag: string,
  auth: RegistryAuth | null,
  onLog: (text: string) => void,
  signal?: AbortSignal,
): Promise<string> {
  const stream = engineStream(
    await docker.getImage(repo).push({ tag, ...(auth ? { authconfig: auth } : {}), abortSignal: signal }),
  );
  let digest = "";
  let error = "";
  const seen = new Set<string>();
  await readEngineStream(stream, (m) => {
    const e = messageError(m);
    if (e) error = e;
    if (m.aux?.Digest) digest = m.aux.Digest;
    // One line per layer state, not every progress tick.
    const line = m.status ? `${m.id ? `${m.id}: ` : ""}${m.status}` : "";
    if (line && !m.progress && !seen.has(line)) {
      seen.add(line);
      onLog(`${line}\n`);
    }
  });
  if (error) throw new Error(error);
  return digest;
}
