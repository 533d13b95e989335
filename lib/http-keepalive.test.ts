import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { TrustedProxies } from "./auth/proxies";
import { keepProxyConnections } from "./http-keepalive";
import { afterIdle } from "../tests/ha/keepalive";
import type { AddressInfo } from "node:net";

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

async function serve(trusted: string[]) {
  const server = createServer((_req, res) => res.end("ok"));
  servers.push(server);
  // Node closes an idle connection 1 s after this; its clients drop a kept socket 1 s before the announced
  // `Keep-Alive: timeout=2` (so 2 s is the shortest that a client reuses at all).
  server.keepAliveTimeout = 2_000;
  keepProxyConnections(server, new TrustedProxies(trusted));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("keepProxyConnections", () => {
  it("keeps a trusted proxy's idle connection open, closes anyone else's, and changes nothing without proxies", async () => {
    const [withProxy, without] = await Promise.all([serve(["127.0.0.1/32"]), serve([])]);
    const idle = (url: string, localAddress: string) =>
      afterIdle(url, { path: "/", idleMs: 3_400, localAddress });
    const [proxy, other, noProxies] = await Promise.all([
      idle(withProxy, "127.0.0.1"),
      idle(withProxy, "127.0.0.2"),
      idle(without, "127.0.0.1"),
    ]);
    expect(proxy).toEqual({ status: 200, reused: true });
    expect(other).toEqual({ status: 200, reused: false });
    expect(noProxies).toEqual({ status: 200, reused: false });
  });
});
