// Closed-loop HTTP load: `concurrency` workers each send the next request as soon as the previous one answered,
// over keep-alive connections, until `requests` were sent or `maxSeconds` passed. Latency is per request.
import { summarize, type Summary } from "./stats";
import type { LoopbackClient } from "./http";

export type LoadResult = {
  path: string;
  concurrency: number;
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  latency: Summary;
  bytes: number;
};

export async function runLoad(
  client: LoopbackClient,
  path: string,
  opts: { concurrency: number; requests: number; maxSeconds: number; warmup?: number },
): Promise<LoadResult> {
  // Warm-up: JIT, caches built on first use (e.g. a sorted view) — measured separately by whoever cares.
  for (let i = 0; i < (opts.warmup ?? 20); i++) await client.request("GET", path);
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  let bytes = 0;
  const t0 = performance.now();
  const deadline = t0 + opts.maxSeconds * 1000;
  const worker = async () => {
    while (sent < opts.requests && performance.now() < deadline) {
      sent++;
      try {
        const res = await client.request("GET", path);
        if (res.status !== 200) errors++;
        else {
          latencies.push(res.ms);
          bytes += res.body.length;
        }
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  return {
    path,
    concurrency: opts.concurrency,
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    latency: summarize(latencies),
    bytes: latencies.length ? bytes / latencies.length : 0,
  };
}
