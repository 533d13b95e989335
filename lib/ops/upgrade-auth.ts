import "server-only";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

/**
 * A Fetch Request carrying an upgrade request's headers, so the ordinary `authenticate` and
 * `isSameOrigin` apply to WebSockets too. The peer address is taken from the socket (server.ts does
 * the same for HTTP), replacing whatever a client sent in that header.
 */
export function requestFromUpgrade(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k === "x-wharf-remote-addr") continue;
    for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
  }
  headers.set("x-wharf-remote-addr", req.socket.remoteAddress ?? "");
  const host = req.headers.host ?? "localhost";
  return new Request(`http://${host}${req.url ?? "/"}`, { headers });
}

/** Refuses an upgrade with a real HTTP status and the usual JSON error body, then closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, code: string, message: string) {
  const body = JSON.stringify({ error: { code, message } });
  const reason = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 422: "Unprocessable Entity", 500: "Internal Server Error" }[status] ?? "Error";
  if (!socket.writable) return void socket.destroy();
  // end() (not destroy()) so the response is flushed before the socket closes.
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  setTimeout(() => socket.destroy(), 2000).unref();
}
