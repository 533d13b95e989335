import "server-only";
import { errorText } from "@/lib/api/errors";
import type { LogLine } from "@/lib/ops/log-decoder";

export type LogFormat = "ndjson" | "sse" | "text";

const enc = new TextEncoder();
const headersFor: Record<LogFormat, string> = {
  ndjson: "application/x-ndjson; charset=utf-8",
  sse: "text/event-stream; charset=utf-8",
  text: "text/plain; charset=utf-8",
};

/** Picks the wire format: explicit `format`, else SSE when the client asks for it, else NDJSON. */
export function pickFormat(req: Request, format?: LogFormat, download?: boolean): LogFormat {
  if (download) return "text";
  if (format) return format;
  return (req.headers.get("accept") ?? "").includes("text/event-stream") ? "sse" : "ndjson";
}

function encodeLines(
  lines: (LogLine & { container?: string })[],
  format: LogFormat,
  timestamps: boolean,
): Uint8Array {
  const shaped = lines.map((l) => ({
    ...(timestamps && l.ts ? { ts: l.ts } : {}),
    stream: l.stream,
    ...(l.container ? { container: l.container } : {}),
    text: l.text,
  }));
  if (format === "sse") return enc.encode(`data: ${JSON.stringify({ lines: shaped })}\n\n`);
  if (format === "ndjson") return enc.encode(shaped.map((l) => JSON.stringify(l)).join("\n") + "\n");
  return enc.encode(
    shaped
      .map((l) => `${l.ts ? `${l.ts} ` : ""}${l.container ? `${l.container} | ` : ""}${l.text}`)
      .join("\n") + "\n",
  );
}

/**
 * Streams log batches to the client. The abort controller stops the engine reads when the client goes
 * away (request aborted or body cancelled). SSE gets a comment every 15 s so proxies keep it open.
 */
export function logResponse(
  source: (signal: AbortSignal) => AsyncGenerator<(LogLine & { container?: string })[]>,
  opts: { format: LogFormat; timestamps: boolean; reqSignal: AbortSignal; filename?: string },
): Response {
  const abort = new AbortController();
  const onReqAbort = () => abort.abort();
  opts.reqSignal.addEventListener("abort", onReqAbort);
  let ping: ReturnType<typeof setInterval> | undefined;
  const batches = source(abort.signal);
  const finish = () => {
    clearInterval(ping);
    opts.reqSignal.removeEventListener("abort", onReqAbort);
  };
  // Pull-based: the next batch is read only when the client has taken the previous one, so a slow
  // client holds back its own reader (whose queue is capped) instead of growing this stream's buffer.
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (opts.format !== "sse") return;
        controller.enqueue(enc.encode(": open\n\n"));
        ping = setInterval(() => {
          try {
            controller.enqueue(enc.encode(": ping\n\n"));
          } catch {
            clearInterval(ping);
          }
        }, 15_000);
      },
      async pull(controller) {
        try {
          for (;;) {
            const next = await batches.next();
            if (next.done) {
              if (opts.format === "sse") controller.enqueue(enc.encode("event: end\ndata: {}\n\n"));
              finish();
              return controller.close();
            }
            if (next.value.length)
              return controller.enqueue(encodeLines(next.value, opts.format, opts.timestamps));
          }
        } catch (err) {
          finish();
          if (abort.signal.aborted) return;
          if (opts.format === "sse")
            controller.enqueue(
              enc.encode(`event: error\ndata: ${JSON.stringify({ message: errorText(err) })}\n\n`),
            );
          controller.close();
        }
      },
      async cancel() {
        finish();
        abort.abort();
        await batches.return(undefined);
      },
    },
    { highWaterMark: 4 },
  );
  const headers: Record<string, string> = {
    "content-type": headersFor[opts.format],
    "cache-control": "no-cache, no-transform",
    "x-accel-buffering": "no",
  };
  if (opts.filename)
    headers["content-disposition"] =
      `attachment; filename="${opts.filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`;
  return new Response(body, { headers });
}

/** An SSE response fed by a subscribe function (stats): `data:` per value, closed when the client leaves. */
export function sseResponse<T>(
  subscribe: (send: (value: T) => void, end: (error?: string) => void) => () => void,
  reqSignal: AbortSignal,
): Response {
  let leave: (() => void) | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(ping);
        leave?.();
      };
      controller.enqueue(enc.encode(": open\n\n"));
      ping = setInterval(() => !closed && controller.enqueue(enc.encode(": ping\n\n")), 15_000);
      leave = subscribe(
        (v) => !closed && controller.enqueue(enc.encode(`data: ${JSON.stringify(v)}\n\n`)),
        (error) => {
          if (closed) return;
          controller.enqueue(enc.encode(`event: end\ndata: ${JSON.stringify({ error: error ?? null })}\n\n`));
          stop();
          controller.close();
        },
      );
      reqSignal.addEventListener("abort", stop);
    },
    cancel() {
      closed = true;
      clearInterval(ping);
      leave?.();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
