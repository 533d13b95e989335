/**
 * Opt-in (WHARF_DIAGNOSTICS_MS=1000): one `[wharf-diag] {json}` line on stderr per interval with the process's
 * memory by kind (RSS, V8 heap committed/used per space, external) and its event-loop delay since the last line.
 * The scale bench reads these to tell V8 heap sizing from native growth, and server stalls from slow sockets.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import v8 from "node:v8";

const MiB = 2 ** 20;
const round = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

export function startDiagnostics(intervalMs: number) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    const spaces: Record<string, [number, number]> = {};
    for (const s of v8.getHeapSpaceStatistics())
      spaces[s.space_name.replace(/_space$/, "")] = [round(s.space_size), round(s.space_used_size)];
    const line = {
      at: Date.now(),
      rss: round(m.rss),
      heapTotal: round(m.heapTotal),
      heapUsed: round(m.heapUsed),
      external: round(m.external),
      arrayBuffers: round(m.arrayBuffers),
      spaces,
      loopP99Ms: loop.percentile(99) / 1e6,
      loopMaxMs: loop.max / 1e6,
    };
    loop.reset();
    process.stderr.write(`[wharf-diag] ${JSON.stringify(line)}\n`);
  }, intervalMs);
  timer.unref();
}
