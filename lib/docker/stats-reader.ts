import "server-only";
import http from "node:http";
import https from "node:https";
import { engineAgent, type HostConnection } from "@/lib/docker/client";
import { parseHostUrl } from "@/lib/validations/host-url";

/**
 * The metrics collector's one engine call, `GET /v1.41/containers/{id}/stats?stream=false&one-shot=true`, on Node's
 * http with the engine's keep-alive agent (lib/docker/client.ts). Through dockerode it cost ~1.9 ms of Wharf's CPU a call (a new connection
 * each time, zod over the whole document); at 100,000 containers a pass is 100,000 calls, so this path is kept lean
 * (measured in bench/stats-cost.ts, docs/metrics.md "Cost per sample"). The version prefix matters: engines 20.10
 * ignore `one-shot` on unversioned paths.
 */
export type StatsCounters = {
  cpuTotal: number;
  cpuSystem: number;
  onlineCpus: number;
  memoryBytes: number;
  netRx: number;
  netTx: number;
  blkRead: number;
  blkWrite: number;
};

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});

/** Engine stats JSON → counters; anything missing or of the wrong type reads as 0 (same arithmetic as `docker stats`). */
export function toStatsCounters(input: unknown): StatsCounters {
  const s = obj(input);
  const cpu = obj(s.cpu_stats);
  const usage = obj(cpu.cpu_usage);
  const per = usage.percpu_usage;
  const mem = obj(s.memory_stats);
  const ms = obj(mem.stats);
  const cache = num(ms.inactive_file) || num(ms.total_inactive_file) || num(ms.cache);
  let netRx = 0,
    netTx = 0,
    blkRead = 0,
    blkWrite = 0;
  for (const n of Object.values(obj(s.networks))) {
    netRx += num(obj(n).rx_bytes);
    netTx += num(obj(n).tx_bytes);
  }
  const io = obj(s.blkio_stats).io_service_bytes_recursive;
  for (const e of Array.isArray(io) ? io : []) {
    const op = String(obj(e).op ?? "").toLowerCase();
    if (op === "read") blkRead += num(obj(e).value);
    if (op === "write") blkWrite += num(obj(e).value);
  }
  return {
    cpuTotal: num(usage.total_usage),
    cpuSystem: num(cpu.system_cpu_usage),
    onlineCpus: num(cpu.online_cpus) || (Array.isArray(per) ? per.length : 0) || 1,
    memoryBytes: Math.max(0, num(mem.usage) - cache),
    netRx,
    netTx,
    blkRead,
    blkWrite,
  };
}

/** One reading; rejects on a non-200 answer (a container gone since the list: the caller skips it). */
export function readStatsCounters(
  host: HostConnection,
  containerId: string,
  timeoutMs = 10_000,
): Promise<StatsCounters> {
  const ep = parseHostUrl(host.url);
  if (!ep) return Promise.reject(new Error(`Unsupported host URL: ${host.url}`));
  const path = `/v1.41/containers/${encodeURIComponent(containerId)}/stats?stream=false&one-shot=true`;
  const target = ep.kind === "unix" ? { socketPath: ep.socketPath } : { host: ep.host, port: ep.port };
  const request = host.tls ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request({ ...target, path, agent: engineAgent(host), timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => {
        if (res.statusCode !== 200) return reject(new Error(`stats: HTTP ${res.statusCode}`));
        try {
          resolve(toStatsCounters(JSON.parse(body)));
        } catch (err) {
          reject(err);
        }
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("stats: timed out")));
    req.on("error", reject);
    req.end();
  });
}
