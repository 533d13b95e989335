import "server-only";
import { watchStream } from "@/lib/auth/live-streams";

const enc = new TextEncoder();

/** The last frame a revoked stream sends, in the stream's own format, so clients can tell the user why it ended. */
const mediaType = (contentType: string) => contentType.split(";")[0].trim().toLowerCase();
const isEventStream = (contentType: string) => mediaType(contentType) === "text/event-stream";

function revokedFrame(contentType: string, reason: string): Uint8Array {
  const type = mediaType(contentType);
  if (isEventStream(type)) return enc.encode(`event: revoked\ndata: ${JSON.stringify({ reason })}\n\n`);
  if (type === "application/x-ndjson") return enc.encode(`${JSON.stringify({ type: "revoked", reason })}\n`);
  return enc.encode(`\n[wharf] stream closed: ${reason}\n`);
}

const STREAM_TYPES = ["text/event-stream", "application/x-ndjson", "text/plain"];
export const isStreamResponse = (res: Response) =>
  res.body !== null && STREAM_TYPES.includes(mediaType(res.headers.get("content-type") ?? ""));

/**
 * Wraps a streaming response so that it ends, with a `revoked` frame naming the reason, when `check` fails: every
 * STREAM_RECHECK_MS, or at once when the user's access changes (lib/auth/live-streams.ts). Reading stays pull-based,
 * so a slow client still holds back the source.
 */
export function guardStream(res: Response, userId: string, check: () => Promise<unknown>): Response {
  const source = res.body!.getReader();
  const contentType = res.headers.get("content-type") ?? "";
  let done = false;
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stop = watchStream({
          userId,
          check,
          close: (reason) => {
            if (done) return;
            done = true;
            try {
              controller.enqueue(revokedFrame(contentType, reason));
              controller.close();
            } catch {
              /* the client already left */
            }
            void source.cancel(reason).catch(() => undefined);
          },
          // SSE only: its clients reconnect by themselves when the server stops; other streams are requests in flight.
          end: isEventStream(contentType)
            ? () => {
                if (done) return;
                done = true;
                try {
                  controller.close();
                } catch {
                  /* the client already left */
                }
                void source.cancel("the server is stopping").catch(() => undefined);
              }
            : undefined,
        });
      },
      async pull(controller) {
        try {
          const next = await source.read();
          if (done) return;
          if (next.done) {
            done = true;
            stop();
            return controller.close();
          }
          controller.enqueue(next.value);
        } catch (err) {
          if (done) return;
          done = true;
          stop();
          controller.error(err);
        }
      },
      cancel(reason) {
        done = true;
        stop();
        return source.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: res.status, headers: res.headers });
}
