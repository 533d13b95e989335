// Registering the simulated engines through Wharf's API and waiting until the fleet cache holds every container.
import { setTimeout as sleep } from "node:timers/promises";
import type { LoopbackClient } from "./http";

type Counters = {
  containers: { running: number; total: number; staleTotal: number };
  hosts: { up: number; down: number; reconnecting: number; total: number };
};

/**
 * Registers every endpoint, `concurrency` requests at a time: one POST /api/v1/hosts each, or with `batch` > 1
 * POST /api/v1/hosts/bulk with up to `batch` hosts each. Returns each request's duration (ms).
 */
export async function registerHosts(
  client: LoopbackClient,
  endpoints: string[],
  concurrency: number,
  batch = 1,
  prefix = "sim",
): Promise<number[]> {
  const host = (i: number) => ({ name: `${prefix}-${i}`, url: endpoints[i], labels: { bench: "scale" } });
  const requests: { path: string; body: unknown; what: string }[] = [];
  for (let i = 0; i < endpoints.length; i += batch) {
    const ids = Array.from({ length: Math.min(batch, endpoints.length - i) }, (_, k) => i + k);
    requests.push(
      batch === 1
        ? { path: "/hosts", body: host(i), what: endpoints[i] }
        : { path: "/hosts/bulk", body: { hosts: ids.map(host) }, what: `hosts ${i}..${i + ids.length - 1}` },
    );
  }
  const durations: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++];
      const res = await client.request("POST", r.path, r.body, 120_000);
      if (res.status !== 201)
        throw new Error(`registering ${r.what}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
      durations.push(res.ms);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  return durations;
}

export async function readCounters(client: LoopbackClient): Promise<Counters> {
  return client.json<Counters>("GET", "/counters");
}

/**
 * Polls /counters every `everyMs` until `hosts` hosts are up and the live total is `total` (events are paused during
 * sync, so the figure is exact). Gives up after timeoutMs with the last counters in the error.
 */
export async function waitForFleet(
  client: LoopbackClient,
  hosts: number,
  total: number,
  timeoutMs: number,
  everyMs = 100,
): Promise<Counters> {
  const deadline = performance.now() + timeoutMs;
  let last: Counters | null = null;
  while (performance.now() < deadline) {
    last = await readCounters(client);
    if (last.hosts.up === hosts && last.containers.total === total) return last;
    await sleep(everyMs);
  }
  throw new Error(`fleet not in sync after ${timeoutMs} ms: ${JSON.stringify(last)}`);
}
