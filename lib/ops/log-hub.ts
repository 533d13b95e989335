import "server-only";
import type { HostConnection } from "@/lib/docker/client";
import { openLogStream } from "@/lib/docker/logs";
import { LogDecoder, type LogLine } from "@/lib/ops/log-decoder";
import { SharedStreams, type Listener } from "@/lib/ops/shared-streams";

// On globalThis: route handlers and the start-up code are separate bundles but one process, one hub.
declare global {
  var wharfLogHub: SharedStreams<LogLine[]> | undefined;
}
const g = globalThis;
export const logHub = (g.wharfLogHub ??= new SharedStreams<LogLine[]>());

/**
 * Follows a container's new log lines (with engine timestamps) through the one engine stream shared
 * by every viewer of that container. Returns the function that leaves.
 */
export function followLogs(
  host: HostConnection,
  containerId: string,
  tty: boolean,
  listener: Listener<LogLine[]>,
): () => void {
  return logHub.subscribe(
    `${host.id}/${containerId}`,
    async (emit, end) => {
      const stream = await openLogStream(host, containerId, { follow: true, tail: 0, timestamps: true });
      const decoder = new LogDecoder(tty, true);
      stream.on("data", (chunk: Buffer) => {
        const lines = decoder.push(chunk);
        if (lines.length) emit(lines);
      });
      stream.on("end", () => {
        const rest = decoder.flush();
        if (rest.length) emit(rest);
        end();
      });
      stream.on("error", (err) => end(err.message));
      return () => stream.destroy();
    },
    listener,
  );
}
