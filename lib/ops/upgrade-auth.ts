import "server-only";
import type { Duplex } from "node:stream";

/** Refuses an upgrade with a real HTTP status and the usual JSON error body, then closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, code: string, message: string) {
  const body = JSON.stringify({ error: { code, message } });
  const reason =
    {
      400: "Bad Request",
      401: "Unauthorized",
      403: "Forbidden",
      404: "Not Found",
      409: "Conflict",
      422: "Unprocessable Entity",
      500: "Internal Server Error",
    }[status] ?? "Error";
  if (!socket.writable) return void socket.destroy();
  // end() (not destroy()) so the response is flushed before the socket closes.
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  setTimeout(() => socket.destroy(), 2000).unref();
}
