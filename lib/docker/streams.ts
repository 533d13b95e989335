import "server-only";
import { IncomingMessage } from "node:http";
import { Readable } from "node:stream";

/**
 * dockerode types the engine's streams as `NodeJS.ReadableStream`; at run time they are the HTTP response
 * itself. Checked, not cast, so a change in dockerode fails loudly here.
 */
export function engineStream(stream: NodeJS.ReadableStream): Readable {
  if (stream instanceof Readable) return stream;
  throw new Error("the engine answered without a readable stream");
}

/** The same, when the caller needs the response's socket (keep-alive on a long-lived stream). */
export function engineResponse(stream: NodeJS.ReadableStream): IncomingMessage {
  if (stream instanceof IncomingMessage) return stream;
  throw new Error("the engine answered without an HTTP response stream");
}
