import { describe, expect, it } from "vitest";
import { parseAccessLine } from "./access-log";
import { caddyConfig } from "./config";
import { LATENCY_BOUNDS_MS, MAX_ROUTES, TrafficWindows } from "./traffic-window";

const settings = { adminListen: "127.0.0.1:2019", httpPort: 8080, httpsPort: 8443 };
// A line as Caddy 2.6.2 writes it (copied from its access log).
const line = (over: { host?: string; uri?: string; status?: number; duration?: number; ts?: number } = {}) =>
  JSON.stringify({
    level: "info",
    ts: over.ts ?? 1796310618.6,
    logger: "http.log.access.wharf",
    msg: "handled request",
    request: {
      remote_ip: "127.0.0.1",
      proto: "HTTP/1.1",
      method: "GET",
      host: over.host ?? "web.a.test:8443",
      uri: over.uri ?? "/x?y=1",
    },
    duration: over.duration ?? 0.004,
    size: 0,
    status: over.status ?? 404,
  });

describe("the access log in Caddy's config", () => {
  it("is written to the file only when one is set, by both servers", () => {
    const route = { host: "web.a.test", pathPrefix: "/", upstreams: [], redirectHttps: false };
    expect(caddyConfig([route], settings)).not.toHaveProperty("logging");
    const c = caddyConfig([route], { ...settings, accessLog: "/var/lib/caddy/access.log" });
    expect(c.logging?.logs["wharf-access"].writer).toMatchObject({
      output: "file",
      filename: "/var/lib/caddy/access.log",
    });
    for (const server of Object.values(c.apps.http.servers)) expect(server).toHaveProperty("logs");
  });
});

describe("parseAccessLine", () => {
  it("reads host (without port), path (without query), status and duration", () => {
    expect(parseAccessLine(line())).toEqual({
      ts: 1796310618.6,
      host: "web.a.test",
      path: "/x",
      status: 404,
      durationMs: 4,
    });
    expect(parseAccessLine(line({ status: 0 }))?.status).toBe(200);
  });
  it("ignores other loggers, torn lines and wrong shapes", () => {
    expect(parseAccessLine(line().replace("http.log.access.wharf", "http.log.access.other"))).toBeNull();
    expect(parseAccessLine(line().slice(0, 40))).toBeNull();
    expect(parseAccessLine('{"logger":"http.log.access.wharf","ts":"x"}')).toBeNull();
  });
});

describe("TrafficWindows", () => {
  const now = 1_000_000;
  const entry = (
    over: Partial<{ host: string; path: string; status: number; durationMs: number; ts: number }> = {},
  ) => ({
    ts: now - 1,
    host: "web.a.test",
    path: "/",
    status: 200,
    durationMs: 3,
    ...over,
  });

  it("counts requests, 4xx/5xx rates and latency percentiles per route, in their window", () => {
    const w = new TrafficWindows();
    w.setRoutes([
      { host: "web.a.test", pathPrefix: "/" },
      { host: "web.a.test", pathPrefix: "/api" },
    ]);
    for (let i = 0; i < 90; i++) w.add(entry({ durationMs: 3 }), now);
    for (let i = 0; i < 6; i++) w.add(entry({ status: 404, durationMs: 40 }), now);
    for (let i = 0; i < 4; i++) w.add(entry({ status: 502, durationMs: 900 }), now);
    w.add(entry({ path: "/api/v1" }), now);
    w.add(entry({ ts: now - 200 }), now); // in the 5-minute window only
    const minute = w.figures({ host: "web.a.test", pathPrefix: "/" }, 60, now);
    expect(minute).toMatchObject({ requests: 100, rate4xx: 0.06, rate5xx: 0.04, p50Ms: 5, p95Ms: 50 });
    expect(minute.perSecond).toBeCloseTo(100 / 60);
    expect(w.figures({ host: "web.a.test", pathPrefix: "/" }, 300, now).requests).toBe(101);
    expect(w.figures({ host: "web.a.test", pathPrefix: "/api" }, 60, now).requests).toBe(1);
    expect(w.figures({ host: "web.a.test", pathPrefix: "/" }, 60, now + 120).requests).toBe(0);
  });

  it("drops hosts it does not route, old lines, and routes past the cap (bounded memory)", () => {
    const w = new TrafficWindows();
    w.setRoutes([{ host: "web.a.test", pathPrefix: "/api" }]);
    w.add(entry({ host: "forged.example" }), now);
    w.add(entry({ path: "/apifoo" }), now);
    w.add(entry({ path: "/api", ts: now - 1000 }), now);
    expect(w.size).toBe(0);
    const many = Array.from({ length: MAX_ROUTES + 5 }, (_, i) => ({
      host: `h${i}.a.test`,
      pathPrefix: "/",
    }));
    w.setRoutes(many);
    for (const r of many) w.add(entry({ host: r.host }), now);
    expect(w.size).toBe(MAX_ROUTES);
    w.setRoutes([]);
    expect(w.size).toBe(0);
  });

  it("reports a latency slower than every bound as the last bound", () => {
    const w = new TrafficWindows();
    w.setRoutes([{ host: "web.a.test", pathPrefix: "/" }]);
    w.add(entry({ durationMs: 120_000 }), now);
    expect(w.figures({ host: "web.a.test", pathPrefix: "/" }, 60, now).p95Ms).toBe(LATENCY_BOUNDS_MS.at(-1));
  });
});
