import "server-only";
// Deploy, scale and rollback answer in one of two ways: plain JSON when the deploy is done, or —
// when the client sends `Accept: application/x-ndjson` — a stream of progress lines ending in a
// `result` or `error` line. The work runs to the end even if the browser goes away.
import { errorBody, toApiError, type ApiError } from "@/lib/api/errors";
import { rawOf } from "@/lib/compose/raw";
import type { Progress, ProgressEvent } from "./types";

export const NDJSON = "application/x-ndjson";
export const wantsStream = (req: Request) => (req.headers.get("accept") ?? "").includes(NDJSON);

export type StreamEnd = { ok: true; result: unknown } | { ok: false; error: ApiError };

export function progressResponse<T>(
  req: Request,
  run: (progress: Progress) => Promise<T>,
  onEnd: (end: StreamEnd) => Promise<void>,
): Promise<T> | Response {
  if (!wantsStream(req)) return run(() => undefined);
  const encoder = new TextEncoder();
  let open = true;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | null = null;
  const write = (line: unknown) => {
    if (!open || !controllerRef) return;
    try {
      controllerRef.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
    } catch {
      open = false;
    }
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controllerRef = controller;
      const progress: Progress = (phase, message, service) =>
        write({
          type: "progress",
          phase,
          message,
          service,
          at: new Date().toISOString(),
        } satisfies ProgressEvent);
      run(progress)
        .then(async (result) => {
          write({ type: "result", result });
          await onEnd({ ok: true, result });
        })
        .catch(async (err) => {
          const e = toApiError(err);
          write({ type: "error", status: e.status, ...errorBody(e) });
          await onEnd({ ok: false, error: e });
        })
        .finally(() => {
          if (open) controller.close();
          open = false;
        });
    },
    cancel() {
      open = false; // the deploy carries on; the app page shows how it ended
    },
  });
  // no-transform: compression would otherwise buffer the stream until the deploy ends.
  return new Response(body, {
    headers: { "content-type": NDJSON, "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
}

/** Streamed changes are audited twice: the request (by withAuth) and how it ended (`<action>.result`). */
export function auditEnd(
  action: string,
  actor: { id: string; email: string; ip: string },
  draft: {
    tenantId?: string | null;
    targetType?: string;
    targetId?: string;
    detail?: Record<string, unknown>;
  },
) {
  return async (end: StreamEnd) => {
    const { recordAudit } = await import("@/lib/audit");
    await recordAudit({
      action: `${action}.result`,
      outcome: end.ok ? "success" : end.error.status === 403 ? "denied" : "failure",
      actor,
      ...draft,
      detail: {
        ...draft.detail,
        ...(end.ok
          ? { result: summarize(end.result) }
          : { status: end.error.status, error: end.error.message }),
      },
    });
  };
}

const summarize = (r: unknown) => {
  const x = rawOf(r);
  return { changed: x?.changed, revision: x?.revision };
};
