import { describe, expect, it } from "vitest";
import { caddyConfig, canonicalJson, type EdgeRoute } from "./config";

const settings = { adminListen: "127.0.0.1:2019", httpPort: 8080, httpsPort: 8443 };
const web: EdgeRoute = {
  host: "web.a.test",
  pathPrefix: "/",
  upstreams: ["10.0.0.3:80", "10.0.0.2:80"],
  redirectHttps: true,
};
const api: EdgeRoute = { host: "web.a.test", pathPrefix: "/api", upstreams: [], redirectHttps: false };

describe("caddyConfig", () => {
  it("is the same document whatever order the routes and upstreams come in", () => {
    const a = canonicalJson(caddyConfig([web, api], settings));
    const b = canonicalJson(
      caddyConfig([api, { ...web, upstreams: [...web.upstreams].reverse() }], settings),
    );
    expect(a).toBe(b);
  });

  it("keeps the admin listener, serves the more specific path first, 503 without replicas", () => {
    const c = caddyConfig([web, api], settings);
    expect(c.admin.listen).toBe("127.0.0.1:2019");
    const https = c.apps.http.servers["wharf-https"];
    expect(https.listen).toEqual([":8443"]);
    expect(https.routes.map((r) => r.match[0].path)).toEqual([["/api", "/api/*"], ["/*"]]);
    expect(https.routes[0].handle[0]).toMatchObject({ handler: "static_response", status_code: 503 });
    expect(https.routes[1].handle[0]).toMatchObject({
      handler: "reverse_proxy",
      upstreams: [{ dial: "10.0.0.2:80" }, { dial: "10.0.0.3:80" }],
    });
  });

  it("redirects plain HTTP only for routes that ask, to the HTTPS port", () => {
    const http = caddyConfig([web, api], settings).apps.http.servers["wharf-http"];
    expect(http.routes[0].handle[0].handler).toBe("static_response"); // /api: no redirect, so 503 (no replica)
    expect(http.routes[1].handle[0]).toMatchObject({
      status_code: 308,
      headers: { Location: ["https://{http.request.host}:8443{http.request.uri}"] },
    });
  });

  it("issues from the internal CA, ACME first only with an address, and never installs trust", () => {
    const offline = caddyConfig([web], settings).apps;
    expect(offline.tls.automation.policies).toEqual([
      { subjects: ["web.a.test"], issuers: [{ module: "internal" }] },
    ]);
    expect(offline.pki.certificate_authorities.local.install_trust).toBe(false);
    const online = caddyConfig([web], { ...settings, acmeEmail: "ops@a.test" }).apps;
    expect(online.tls.automation.policies[0].issuers.map((i) => i.module)).toEqual(["acme", "internal"]);
    const longer = caddyConfig([web], { ...settings, internalCertHours: 48 }).apps;
    expect(longer.tls.automation.policies[0].issuers).toEqual([{ module: "internal", lifetime: "48h" }]);
  });

  it("puts basic auth before the proxy, with the bcrypt hash base64-encoded, on both servers", () => {
    const hash = "$2a$10$ow7UC86yXaSoZSr0mcGxeOYK9DfqsnKnA9RoKR.nxUUXVbXqOibgm";
    const open = { ...api, redirectHttps: false, basicAuth: { username: "ann", hash } };
    const servers = caddyConfig([open], settings).apps.http.servers;
    for (const server of [servers["wharf-https"], servers["wharf-http"]]) {
      const [auth, next] = server.routes[0].handle;
      expect(auth).toMatchObject({
        handler: "authentication",
        providers: {
          http_basic: {
            hash: { algorithm: "bcrypt" },
            accounts: [{ username: "ann", password: Buffer.from(hash).toString("base64") }],
          },
        },
      });
      expect(next.handler).toBe("static_response");
    }
    expect(JSON.stringify(caddyConfig([web], settings))).not.toContain("authentication");
  });

  it("answers a pending domain's challenge on plain HTTP only, first, and asks no certificate for it", () => {
    const challenge = { host: "shop.example.test", id: "cdom1", token: "t0k3n_-A" };
    const c = caddyConfig([web], settings, [challenge]);
    const [first, ...rest] = c.apps.http.servers["wharf-http"].routes;
    expect(first).toEqual({
      match: [{ host: ["shop.example.test"], path: ["/.well-known/wharf-challenge/cdom1"] }],
      handle: [
        {
          handler: "static_response",
          status_code: 200,
          headers: { "Content-Type": ["text/plain"] },
          body: "t0k3n_-A",
        },
      ],
      terminal: true,
    });
    expect(rest).toHaveLength(1);
    expect(JSON.stringify(c.apps.http.servers["wharf-https"])).not.toContain("shop.example.test");
    expect(c.apps.tls.automation.policies).toEqual([
      { subjects: ["web.a.test"], issuers: [{ module: "internal" }] },
    ]);
  });
});
