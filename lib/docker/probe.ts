import "server-only";
import { z } from "zod";
import { createDocker, type TlsMaterial } from "@/lib/docker/client";
import { engineStatus, errorCode } from "@/lib/docker/engine-error";

export type SwarmRole = "manager" | "worker" | "none";
export type EngineInfo = {
  engineId: string;
  name: string;
  version: string;
  apiVersion: string;
  os: string;
  kernel: string;
  arch: string;
  cpus: number;
  memoryBytes: number;
  swarmRole: SwarmRole;
  swarmNodeId: string;
  swarmClusterId: string;
};

export const PROBE_TIMEOUT_MS = 5_000;

/** The fields of GET /info Wharf reads (dockerode types the answer as `any`). */
const DockerInfo = z.object({
  ID: z.string().nullish(),
  Name: z.string().nullish(),
  OperatingSystem: z.string().nullish(),
  KernelVersion: z.string().nullish(),
  Architecture: z.string().nullish(),
  NCPU: z.number().nullish(),
  MemTotal: z.number().nullish(),
  Swarm: z
    .object({
      LocalNodeState: z.string().nullish(),
      ControlAvailable: z.boolean().nullish(),
      NodeID: z.string().nullish(),
      Cluster: z.object({ ID: z.string().nullish() }).nullish(),
    })
    .nullish(),
});
type DockerInfo = z.infer<typeof DockerInfo>;

export function toEngineInfo(
  version: { Version?: string; ApiVersion?: string },
  info: DockerInfo,
): EngineInfo {
  const active = info.Swarm?.LocalNodeState === "active";
  return {
    engineId: info.ID ?? "",
    name: info.Name ?? "",
    version: version.Version ?? "",
    apiVersion: version.ApiVersion ?? "",
    os: info.OperatingSystem ?? "",
    kernel: info.KernelVersion ?? "",
    arch: info.Architecture ?? "",
    cpus: info.NCPU ?? 0,
    memoryBytes: info.MemTotal ?? 0,
    swarmRole: !active ? "none" : info.Swarm?.ControlAvailable ? "manager" : "worker",
    swarmNodeId: info.Swarm?.NodeID ?? "",
    swarmClusterId: info.Swarm?.Cluster?.ID ?? "",
  };
}

/** Turns a connection failure into a sentence an operator can act on. */
export function describeConnectError(err: unknown): string {
  const code = errorCode(err);
  const message = err && typeof err === "object" && "message" in err ? err.message : undefined;
  const msg = typeof message === "string" ? message : String(err);
  if (code === "ECONNREFUSED") return "connection refused: nothing is listening at that address";
  if (code === "ENOENT") return "no such socket: the path does not exist on the Wharf server";
  if (code === "EACCES") return "permission denied opening the socket";
  if (code === "ETIMEDOUT" || code === "ESOCKETTIMEDOUT" || /timeout|timed out/i.test(msg))
    return `timed out after ${PROBE_TIMEOUT_MS / 1000} s`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host name does not resolve";
  if (
    code === "ECONNRESET" ||
    code === "EPROTO" ||
    code.startsWith("ERR_TLS") ||
    code.startsWith("ERR_SSL") ||
    /certificate|ssl|tls|self.signed|handshake/i.test(msg)
  )
    return `TLS error: ${msg.split("\n")[0]}`;
  const status = engineStatus(err);
  if (status) return `not a Docker engine: the server answered HTTP ${status} to /_ping`;
  return `connection failed: ${msg.split("\n")[0]}`;
}

/** Connects, checks it really is a Docker engine, and reads what the hosts page shows. Throws a readable Error. */
export async function probeEngine(conn: { url: string; tls?: TlsMaterial | null }): Promise<EngineInfo> {
  const docker = createDocker(conn, { timeoutMs: PROBE_TIMEOUT_MS + 1_000 });
  let ping: unknown;
  let timer: NodeJS.Timeout | undefined;
  try {
    // Our own deadline: dockerode's timeout only destroys the socket, which reads as "socket hang up" (ECONNRESET).
    const deadline = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(
          () => reject(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })),
          PROBE_TIMEOUT_MS,
        )),
    );
    ping = await Promise.race([docker.ping(), deadline]);
  } catch (err) {
    throw new Error(describeConnectError(err));
  } finally {
    clearTimeout(timer);
  }
  if (String(ping) !== "OK") throw new Error("not a Docker engine: /_ping did not answer OK");
  try {
    const [version, info] = await Promise.all([
      docker.version(),
      docker.info().then((i) => DockerInfo.parse(i)),
    ]);
    if (!version?.ApiVersion) throw new Error("not a Docker engine: /version has no ApiVersion");
    return toEngineInfo(version, info);
  } catch (err) {
    throw new Error(
      err instanceof Error && err.message.startsWith("not a Docker")
        ? err.message
        : describeConnectError(err),
    );
  }
}
