import "server-only";
import net from "node:net";

// Whether a replica's routed port takes a TCP connection: readiness for replicas without a health check
// (lib/edge/routes.ts on a standalone host, lib/edge/swarm-upstreams.ts for Swarm tasks).

const PROBE_MS = 500;

export function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: PROBE_MS });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}
