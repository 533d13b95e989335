// Idle keep-alive connections between HAProxy and the instances (lib/http-keepalive.ts, scripts/ha/haproxy.cfg), for
// tests/ha/haproxy.int.test.ts: each probe keeps one client connection (an agent with one kept-alive socket) and says
// whether a later request went down that same connection (`req.reusedSocket`) and what it was answered.
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

type Answer = { status: number | string; reused: boolean };

function send(base: URL, method: string, path: string, agent: http.Agent, localAddress?: string) {
  return new Promise<Answer>((resolve) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        agent,
        localAddress,
        headers: { "content-length": 0 },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
      },
    );
    // What a client sees when the connection is closed under its request ("socket hang up", ECONNRESET).
    req.on("error", (err) => resolve({ status: err.message, reused: req.reusedSocket }));
    req.end();
  });
}

/**
 * One request, then another on the same client connection after `idleMs`: what the second got, and whether the
 * connection was still open for it (not reused: the server closed it while idle).
 */
export async function afterIdle(
  baseUrl: string,
  { method = "GET", path = "/api/v1/ready", idleMs = 0, localAddress = undefined as string | undefined },
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const base = new URL(baseUrl);
    await send(base, method, path, agent, localAddress);
    await sleep(idleMs);
    return await send(base, method, path, agent, localAddress);
  } finally {
    agent.destroy();
  }
}

/** `clients` connections at once, each sending its second request after an idle time spread evenly over [from, to]. */
export function spreadAfterIdle(
  baseUrl: string,
  clients: number,
  [from, to]: [number, number],
  request: { method?: string; path?: string },
) {
  return Promise.all(
    Array.from({ length: clients }, (_, i) =>
      afterIdle(baseUrl, { ...request, idleMs: from + ((to - from) * i) / Math.max(1, clients - 1) }),
    ),
  );
}
