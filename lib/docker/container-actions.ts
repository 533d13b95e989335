import "server-only";
import { dockerFor, type HostConnection } from "@/lib/docker/client";
import { engineStatus } from "@/lib/docker/engine-error";
import type Docker from "dockerode";

export type ContainerAction = "start" | "stop" | "restart" | "kill";

export async function inspectContainer(
  host: HostConnection,
  id: string,
): Promise<Docker.ContainerInspectInfo> {
  return dockerFor(host).call.getContainer(id).inspect();
}

/**
 * stop/restart wait for the process to exit as long as the container's own stop timeout says (its `StopTimeout`,
 * from compose's `stop_grace_period`; the engine's 10 s when it has none), so they use the client without a timeout.
 */
export async function runContainerAction(
  host: HostConnection,
  id: string,
  action: ContainerAction,
): Promise<void> {
  const { call, stream } = dockerFor(host);
  try {
    if (action === "start") await call.getContainer(id).start();
    else if (action === "stop") await stream.getContainer(id).stop();
    else if (action === "restart") await stream.getContainer(id).restart();
    else await call.getContainer(id).kill({ signal: "SIGKILL" });
  } catch (err) {
    // 304: already started / already stopped — the container is where the user wanted it.
    if (engineStatus(err) !== 304) throw err;
  }
}

export async function removeContainer(
  host: HostConnection,
  id: string,
  opts: { force: boolean; volumes: boolean },
): Promise<void> {
  await dockerFor(host).stream.getContainer(id).remove({ force: opts.force, v: opts.volumes });
}
