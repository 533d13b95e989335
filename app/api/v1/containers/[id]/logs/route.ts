import { readQuery, withAuth } from "@/lib/api/with-auth";
import { logResponse, pickFormat } from "@/lib/ops/http-stream";
import { readLogs } from "@/lib/ops/log-reader";
import { loadContainerFor } from "@/lib/services/container-access";
import { containerTty } from "@/lib/services/containers";
import { LogsQuery } from "@/lib/validations/ops";

/**
 * Logs: the last `tail` lines, then (follow=true) live lines from the stream shared by all viewers.
 * NDJSON by default, SSE with format=sse or Accept: text/event-stream, plain text with download=true.
 */
export const GET = withAuth(
  async ({ req, actor, params }) => {
    const q = readQuery(req, LogsQuery);
    const c = await loadContainerFor(actor, params.id, "read");
    const tty = await containerTty(c);
    const format = pickFormat(req, q.format, q.download);
    return logResponse(
      (signal) =>
        readLogs(
          c.host,
          c.id,
          tty,
          { tail: q.tail, follow: q.follow && !q.download, since: q.since },
          signal,
        ),
      {
        format,
        timestamps: q.timestamps,
        reqSignal: req.signal,
        filename: q.download ? `${c.name}-${new Date().toISOString().replace(/[:.]/g, "-")}.log` : undefined,
      },
    );
  },
  { live: ({ actor, params }) => loadContainerFor(actor, params.id, "read") },
);
