import "server-only";
import { createDocker, type TlsMaterial } from "@/lib/docker/client";

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

type DockerInfo = {
  ID?: string;
  Name?: string;
  OperatingSystem?: string;
  KernelVersion?: string;
  Architecture?: string;
  NCPU?: number;
  MemTotal?: number;
  Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string; Cluster?: { ID?: string } };
};

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
  const e = err as { code?: string; message?: string; statusCode?: number };
  const code = e?.code ?? "";
  const msg = e?.message ?? String(err);
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
  if (e?.statusCode) return `not a Docker engine: the server answered HTTP ${e.statusCode} to /_ping`;
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
    const [version, info] = await Promise.all([docker.version(), docker.info() as Promise<DockerInfo>]);
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
