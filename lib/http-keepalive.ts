/**
 * Idle keep-alive connections (issue 20; docs/database.md, "HA"). Node closes a connection that has been idle for the
 * server's keepAliveTimeout (5 s, plus 1 s of margin): right for a browser that talks to the instance directly. A
 * trusted proxy (WHARF_TRUSTED_PROXIES, e.g. HAProxy) keeps a pool of idle connections to each instance and sends
 * later requests down them; had the instance closed one at the moment the proxy sent a request on it, that request
 * would fail with nothing answered, and a POST cannot safely be sent again. So the instance never closes a trusted
 * proxy's idle connection: the proxy closes its own (HAProxy: the idle connections beyond recent need, half of them
 * every `pool-purge-delay`), and a proxy never sends on a connection it is closing.
 */
import { TrustedProxies } from "./auth/proxies";
import type { Server } from "node:http";
import type { Socket } from "node:net";

export function keepProxyConnections(
  server: Server,
  proxies = new TrustedProxies(
    (process.env.WHARF_TRUSTED_PROXIES ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  ),
) {
  if (proxies.size === 0) return;
  // Node destroys a socket whose timer fired only when nobody listens for "timeout"; with this listener, it is ours
  // to do. The server sets no other socket timeout (server.timeout is 0), so this is the idle keep-alive timer.
  server.on("timeout", (socket: Socket) => {
    if (!proxies.has(socket.remoteAddress ?? "")) socket.destroy();
  });
}
