import "server-only";
import { messageError, readEngineStream, type EngineMessage } from "@/lib/docker/json-stream";
import { engineStream } from "@/lib/docker/streams";
import type Docker from "dockerode";

/** dockerode's authconfig for a private registry (sent as X-Registry-Auth, never logged). */
export type RegistryAuth = { username: string; password: string; serveraddress: string };

/**
 * Pulls `ref` with the registry's credentials (from `registryAuthFor` in lib/services/registries.ts),
 * reporting progress per layer. Throws the engine's message on failure (it never contains the password).
 */
export async function pullImage(
  docker: Docker,
  ref: string,
  auth: RegistryAuth | null,
  onProgress?: (m: EngineMessage) => void,
): Promise<void> {
  const stream = engineStream(await docker.pull(ref, auth ? { authconfig: auth } : {}));
  let error = "";
  await readEngineStream(stream, (m) => {
    const e = messageError(m);
    if (e) error = e;
    onProgress?.(m);
  });
  if (error) throw new Error(error);
}
