// Registering the simulated engines through Wharf's API and waiting until the fleet cache holds every container.
import type { LoopbackClient } from "./http";

type Counters = {
  containers: { running: number; total: number; staleTotal: number };
  hosts: { up: number; down: number; reconnecting: number; total: number };
};

/** POST /api/v1/hosts for each endpoint, `concurrency` at a time. Returns each request's duration (ms). */
export async function registerHosts(
  client: LoopbackClient,
  endpoints: string[],
  concurrency: number,
  prefix = "sim",
): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < endpoints.length) {
      const i = next++;
      const res = await client.request(
        "POST",
        "/hosts",
        { name: `${prefix}-${i}`, url: endpoints[i], labels: { bench: "scale" } },
        60_000,
      );
      if (res.status !== 201)
        throw new Error(`registering ${endpoints[i]}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
      durations.push(res.ms);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, endpoints.length) }, worker));
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
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`fleet not in sync after ${timeoutMs} ms: ${JSON.stringify(last)}`);
}
