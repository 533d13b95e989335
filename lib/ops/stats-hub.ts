import "server-only";
import type { HostConnection } from "@/lib/docker/client";
import { openStatsStream, toStatsSample, type StatsSample } from "@/lib/docker/stats";
import { SharedStreams, type Listener } from "@/lib/ops/shared-streams";

declare global {
  var wharfStatsHub: SharedStreams<StatsSample> | undefined;
}
const g = globalThis;
/** New viewers get the last sample at once, then one per second from the shared engine stream. */
export const statsHub = (g.wharfStatsHub ??= new SharedStreams<StatsSample>({ replayLast: true }));

/** One engine stats stream per watched container, whatever the number of viewers; closed when the last leaves. */
export function watchStats(
  host: HostConnection,
  containerId: string,
  listener: Listener<StatsSample>,
): () => void {
  return statsHub.subscribe(
    `${host.id}/${containerId}`,
    async (emit, end) => {
      const stream = await openStatsStream(host, containerId);
      let rest = "";
      stream.on("data", (chunk: Buffer) => {
        const parts = (rest + chunk.toString("utf8")).split("\n");
        rest = parts.pop() ?? "";
        for (const p of parts) if (p.trim()) emit(toStatsSample(JSON.parse(p)));
      });
      stream.on("end", () => end());
      stream.on("error", (err) => end(err.message));
      return () => stream.destroy();
    },
    listener,
  );
}
