// Domains through the real edge proxy (issue 23, docs/edge.md): Debian's Caddy, programmed only through its
// admin API, with certificates from its internal CA. One deploy serves every assertion (the suite's time budget).
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  createComposeApp,
  deployComposeApp,
  setBaseDomains,
  engine,
  startAdminWorld,
  type AdminWorld,
  type TenantSetup,
} from "../deploy/helpers";
import { curl, startedCaddy, type TestCaddy } from "../helpers/caddy";
import { until } from "../helpers/until";
import { describeCounts, loadLoop, switchesUnderLoad } from "../helpers/zero-downtime";

let caddy: TestCaddy;
let world: AdminWorld;
let a: TenantSetup;
let b: TenantSetup;
let appId = "";
const stamp = Date.now().toString(36);
const baseA = `a-${stamp}.apps.test`;
const host = `web.${baseA}`;
const page = `hello from ${stamp}`;
// Custom domains (outside every base): `shop` resolves to the edge for the verifier through the test knob
// WHARF_EDGE_VERIFY_RESOLVE (as `curl --resolve`); `nowhere` is in no map and in no DNS (.test is reserved).
const shop = `shop-${stamp}.example.test`;
const nowhere = `nowhere-${stamp}.example.test`;

// httpd as PID 1 ignores SIGTERM: a short grace keeps the drained replicas' stop short.
const webService = (image: string, text: string) => `services:
  web:
    image: ${image}
    command: ["sh", "-c", "mkdir -p /www && echo '${text}' > /www/index.html && exec httpd -f -p 8080 -h /www"]
    stop_grace_period: 1s
`;
const compose = webService("busybox:latest", page);
// The zero-downtime test's new image (the same busybox under another tag, scripts/services/images.sh) and page.
const pageV2 = `version 2 of ${stamp}`;
const composeV2 = webService("wharf-busybox:latest", pageV2);

type Route = { match: { host: string[] }[]; handle: { upstreams?: { dial: string }[] }[] };
async function httpsRoutes(): Promise<Route[]> {
  const res = await fetch(`${caddy.adminUrl}/config/apps/http/servers/wharf-https/routes`);
  return res.ok ? (((await res.json()) as Route[] | null) ?? []) : [];
}
/** The Swarm case's app, kept for the Swarm restart and stop under the load loop (removed there, or in afterAll). */
let swarmApp: { id: string; host: string; page: string } | null = null;
const upstreamsOf = async (name: string) =>
  (await httpsRoutes()).find((r) => r.match[0].host.includes(name))?.handle[0].upstreams?.map((u) => u.dial);
/** Upstream counts of `host` a poller of Caddy's admin API sees until `stop()`, which gives them. */
function watchUpstreamCounts(host: string) {
  const seen = new Set<number>();
  let polling = true;
  const done = (async () => {
    while (polling) {
      // Caddy closes the admin API's connections when it loads a config: such a read counts for nothing.
      const n = await upstreamsOf(host).then(
        (u) => u?.length ?? 0,
        () => null,
      );
      if (n !== null) seen.add(n);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      polling = false;
      await done;
      return seen;
    },
  };
}

beforeAll(async () => {
  caddy = await startedCaddy();
  world = await startAdminWorld({
    env: { ...caddy.env, WHARF_EDGE_VERIFY_RESOLVE: `${shop}=127.0.0.1` },
    swarm: true,
  }); // with a 1 s drain (tests/helpers/caddy.ts)
  [a, b] = [await world.tenant(`Edge A ${stamp}`), await world.tenant(`Edge B ${stamp}`)];
  for (const [t, base] of [
    [a, baseA],
    [b, `b-${stamp}.apps.test`],
  ] as const) {
    await setBaseDomains(world.admin, t.tenantId, [base]);
  }
  appId = await deployComposeApp(a.dev, a.projectId, { name: "site", hostId: world.hostId, compose });
});

afterAll(async () => {
  if (swarmApp) await a.dev.delete(`/apps/${swarmApp.id}`); // never left on the shared Swarm
  await world?.stop();
  caddy?.stop();
});

describe("an app at its own HTTPS address", () => {
  it("serves the page over HTTPS trusting Caddy's root, and plain HTTP redirects", async () => {
    expect(await upstreamsOf(host)).toBeUndefined();
    const res = await a.dev.post(`/apps/${appId}/domains`, {
      host: host.toUpperCase(),
      service: "web",
      port: 8080,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      host,
      pathPrefix: "/",
      approved: true,
      url: `https://${host}:${caddy.httpsPort}/`,
    });

    const https = await until("the page over HTTPS", async () => {
      const r = await curl(caddy, res.body.url);
      return r.status === 200 && r.body;
    });
    expect(https.trim()).toBe(page);
    // The app's domains list shows the served certificate: Caddy's internal CA, valid for a while yet.
    const [listed] = (await a.dev.get(`/apps/${appId}/domains`)).body.items;
    expect(listed.certificate.issuer).toMatch(/^Caddy Local Authority/);
    expect(Date.parse(listed.certificate.expiresAt)).toBeGreaterThan(Date.now() + 3600_000);
    const plain = await curl(caddy, `http://${host}:${caddy.httpPort}/x?y=1`);
    expect(plain).toMatchObject({ status: 308, location: `https://${host}:${caddy.httpsPort}/x?y=1` });
  });

  it("enforces basic auth: 401 without, 401 with a wrong password, 200 with the right one; never shown back", async () => {
    const privateHost = `private.${baseA}`;
    const res = await a.dev.post(`/apps/${appId}/domains`, {
      host: privateHost,
      service: "web",
      port: 8080,
      basicAuth: { username: "ann", password: "correct horse" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.basicAuthUser).toBe("ann");
    expect(JSON.stringify(res.body)).not.toContain("correct horse");
    const listed = await a.dev.get(`/apps/${appId}/domains`);
    expect(JSON.stringify(listed.body)).not.toMatch(/correct horse|\$2[aby]\$/);
    const url = `https://${privateHost}:${caddy.httpsPort}/`;
    await until("the route with basic auth", async () => (await curl(caddy, url)).status === 401);
    expect((await curl(caddy, url, ["-u", "ann:wrong password"])).status).toBe(401);
    const ok = await curl(caddy, url, ["-u", "ann:correct horse"]);
    expect(ok.status).toBe(200);
    expect(ok.body.trim()).toBe(page);
    const short = await a.dev.post(`/apps/${appId}/domains`, {
      host: `short.${baseA}`,
      service: "web",
      port: 8080,
      basicAuth: { username: "a:b", password: "x" },
    });
    expect(short.status).toBe(422);
    expect(Object.keys(short.body.error.fields).sort()).toEqual(["basicAuth.password", "basicAuth.username"]);

    // Edited in place: replaced (the old password stops working), hostile input refused, then removed.
    const edit = (body: unknown, client = a.dev) =>
      client.patch(`/apps/${appId}/domains/${res.body.id}`, body);
    const replaced = await edit({ basicAuth: { username: "bob", password: "battery staple" } });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.basicAuthUser).toBe("bob");
    expect(JSON.stringify(replaced.body)).not.toMatch(/battery staple|\$2[aby]\$/);
    await until(
      "the new password",
      async () => (await curl(caddy, url, ["-u", "bob:battery staple"])).status === 200,
    );
    await until(
      "the old password refused",
      async () => (await curl(caddy, url, ["-u", "ann:correct horse"])).status === 401,
    );
    const hostile = await edit({ basicAuth: { username: "x\n}", password: "short" }, extra: 1 });
    expect(hostile.status).toBe(422);
    expect((await edit({ basicAuth: null }, b.dev)).status).toBe(404); // another tenant: not even there
    const removed = await edit({ basicAuth: null });
    expect(removed.status).toBe(200);
    expect(removed.body.basicAuthUser).toBeNull();
    await until("the site public again", async () => (await curl(caddy, url)).status === 200);
    const audit = await world.admin.get(`/audit?tenantId=${a.tenantId}&action=app.domain.update`);
    // What changed is in the log (the user name too, masked there like every auth-named field; never a password).
    const changes = audit.body.items.map((i: { outcome: string; detail: Record<string, unknown> }) => [
      i.outcome,
      i.detail?.change,
    ]);
    expect(changes).toEqual(
      expect.arrayContaining([
        ["success", "set"],
        ["success", "removed"],
      ]),
    );
    expect(JSON.stringify(audit.body.items)).not.toContain("battery staple");
    expect((await a.dev.delete(`/apps/${appId}/domains/${res.body.id}`)).status).toBe(200);
  });

  it("refuses another tenant's name (audited), a taken name and config-injecting input", async () => {
    const otherId = await createComposeApp(b.dev, b.projectId, {
      name: "thief",
      hostId: world.hostId,
      compose,
    });
    const stolen = await b.dev.post(`/apps/${otherId}/domains`, {
      host,
      service: "web",
      port: 8080,
    });
    expect(stolen.status).toBe(403);
    expect(stolen.body.error.fields).toEqual({ host: "not yours" });
    const audit = await world.admin.get(`/audit?tenantId=${b.tenantId}&action=app.domain.attach`);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ outcome: "denied", detail: expect.objectContaining({ host }) }),
    ]);
    const again = await a.dev.post(`/apps/${appId}/domains`, { host, service: "web", port: 8080 });
    expect(again.status).toBe(409);
    for (const [field, body] of [
      ["host", { host: `x{http.vars}.${baseA}`, service: "web", port: 8080 }],
      ["host", { host: `x\n.${baseA}`, service: "web", port: 8080 }],
      ["host", { host: `wеb.${baseA}`, service: "web", port: 8080 }],
      ["pathPrefix", { host, pathPrefix: "/a/../b", service: "web", port: 8080 }],
    ] as const) {
      const bad = await a.dev.post(`/apps/${appId}/domains`, body);
      expect(bad.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(bad.body.error.fields)).toEqual([field]);
    }
    expect((await httpsRoutes()).length).toBe(1);
  });

  it("routes a custom domain once Wharf fetched its token through the edge; an unproven one stays pending", async () => {
    const allow = (customDomains: boolean, t = a, base = baseA) =>
      world.admin.put(`/tenants/${t.tenantId}/edge`, { baseDomains: [base], customDomains });
    expect((await allow(true)).status).toBe(200);
    try {
      const attach = (h: string, client = a.dev, id = appId) =>
        client.post(`/apps/${id}/domains`, { host: h, service: "web", port: 8080, redirectHttps: false });
      const pending = await attach(shop);
      expect(pending.status, JSON.stringify(pending.body)).toBe(201);
      expect(pending.body.approved).toBe(false);
      const { url, token } = pending.body.challenge;
      expect(url).toBe(`http://${shop}:${caddy.httpPort}/.well-known/wharf-challenge/${pending.body.id}`);
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      // The edge serves the token on plain HTTP; the site itself is not routed (and no certificate is asked for).
      const served = await until("the challenge served", async () => {
        const r = await curl(caddy, url);
        return r.status === 200 && r.body;
      });
      expect(served).toBe(token);
      // (Caddy answers an unmatched request 200 with an empty body: the page is what must be missing.)
      expect((await curl(caddy, `http://${shop}:${caddy.httpPort}/`)).body.trim()).not.toBe(page);
      expect(JSON.stringify(await httpsRoutes())).not.toContain(shop);

      // Another tenant can neither verify it (404) nor claim the name once it is A's (403, even as a custom domain).
      expect((await b.dev.post(`/apps/${appId}/domains/${pending.body.id}/verify`, {})).status).toBe(404);
      expect((await allow(true, b, `b-${stamp}.apps.test`)).status).toBe(200);
      const bAppId = await createComposeApp(b.dev, b.projectId, {
        name: "custom-thief",
        hostId: world.hostId,
        compose,
      });
      const theirs = await b.dev.post(`/apps/${bAppId}/domains`, {
        host: shop,
        pathPrefix: "/b",
        service: "web",
        port: 8080,
      });
      expect([theirs.status, theirs.body.error?.fields]).toEqual([403, { host: "not yours" }]);

      // A name whose DNS does not lead to the edge is not proven: 409 naming host, still pending, not routed.
      const lost = await attach(nowhere);
      expect(lost.status).toBe(201);
      const refused = await a.dev.post(`/apps/${appId}/domains/${lost.body.id}/verify`, {});
      expect(refused.status).toBe(409);
      expect(refused.body.error.fields.host).toMatch(/does not resolve/);
      expect((await a.dev.get(`/apps/${appId}/domains`)).body.items).toContainEqual(
        expect.objectContaining({ host: nowhere, approved: false }),
      );

      const proven = await a.dev.post(`/apps/${appId}/domains/${pending.body.id}/verify`, {});
      expect(proven.status, JSON.stringify(proven.body)).toBe(200);
      expect(proven.body).toMatchObject({ approved: true, challenge: null });
      const site = await until("the proven domain's page", async () => {
        const r = await curl(caddy, `https://${shop}:${caddy.httpsPort}/`);
        return r.status === 200 && r.body;
      });
      expect(site.trim()).toBe(page);
      expect((await curl(caddy, url)).body).not.toContain(token); // the challenge is gone with the proof
      const audit = await world.admin.get(`/audit?tenantId=${a.tenantId}&action=app.domain.verify`);
      // B's attempt is in A's log too (denied), with the failed and the successful proof.
      expect(audit.body.items.map((i: { outcome: string }) => i.outcome).sort()).toEqual([
        "denied",
        "failure",
        "success",
      ]);

      // Each verify makes Wharf fetch a URL: 5 a minute per user in the tenant (2 made above); the 6th is 429
      // with retryAfter and changes nothing (still pending, same token).
      const before = (await a.dev.get(`/apps/${appId}/domains`)).body.items;
      for (let i = 0; i < 3; i++)
        expect((await a.dev.post(`/apps/${appId}/domains/${lost.body.id}/verify`, {})).status).toBe(409);
      const throttled = await a.dev.post(`/apps/${appId}/domains/${lost.body.id}/verify`, {});
      expect(throttled.status, JSON.stringify(throttled.body)).toBe(429);
      expect(throttled.body.error.retryAfter).toBeGreaterThan(0);
      expect(throttled.body.error.retryAfter).toBeLessThanOrEqual(60);
      expect(throttled.headers.get("retry-after")).toBe(String(throttled.body.error.retryAfter));
      expect((await a.dev.get(`/apps/${appId}/domains`)).body.items).toEqual(before);
      for (const id of [pending.body.id, lost.body.id])
        expect((await a.dev.delete(`/apps/${appId}/domains/${id}`)).status).toBe(200);
    } finally {
      await allow(false);
      await allow(false, b, `b-${stamp}.apps.test`);
    }
  });

  it("applies compose x-wharf domains on deploy with the API's checks, and removes them when dropped", async () => {
    const composeHost = `compose.${baseA}`;
    const withDomain = (h: string, extra = "") =>
      `${compose}    x-wharf:\n      domains:\n        - host: "${h}"\n          port: 8080\n${extra}`;
    const deploy = (client: typeof a.dev, id: string, text: string) =>
      client.post(`/apps/${id}/deploy`, { source: { type: "compose", compose: text } });

    const applied = await deploy(a.dev, appId, withDomain(composeHost));
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const listed = (await a.dev.get(`/apps/${appId}/domains`)).body.items;
    expect(listed).toContainEqual(
      expect.objectContaining({ host: composeHost, source: "compose", approved: true }),
    );
    const page1 = await until("the compose domain's page", async () => {
      const r = await curl(caddy, `https://${composeHost}:${caddy.httpsPort}/`);
      return r.status === 200 && r.body;
    });
    expect(page1.trim()).toBe(page);

    // Tenant B declares A's name in its own compose file: refused before anything runs, naming the key, audited.
    const thiefId = await createComposeApp(b.dev, b.projectId, {
      name: "compose-thief",
      hostId: world.hostId,
      compose,
    });
    const stolen = await deploy(b.dev, thiefId, withDomain(host));
    expect(stolen.status).toBe(403);
    expect(stolen.body.error.fields).toEqual({ "services.web.x-wharf.domains[0].host": "not yours" });
    const audit = await world.admin.get(`/audit?tenantId=${b.tenantId}&action=app.domain.attach`);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        outcome: "denied",
        detail: expect.objectContaining({ source: "compose", hosts: [host] }),
      }),
    );
    expect(
      (await engine.listContainers({ all: true, filters: { label: [`wharf.app=${thiefId}`] } })).length,
    ).toBe(0);

    // Injection attempts in the file: refused by the parser, naming the key.
    for (const [hostValue, extra, field] of [
      [`x{http.vars}.${baseA}`, "", "host"],
      [`x\\n.${baseA}`, "", "host"],
      [`wеb.${baseA}`, "", "host"],
      [composeHost, "          path: /a/../b\n", "path"],
      [composeHost, "          headers: {X-Injected: yes}\n", ""],
    ] as const) {
      const bad = await deploy(a.dev, appId, withDomain(hostValue, extra));
      expect(bad.status, hostValue + extra).toBe(422);
      expect(Object.keys(bad.body.error.fields)).toEqual([
        `compose.services.web.x-wharf.domains[0]${field ? `.${field}` : ""}`,
      ]);
    }

    // Dropped from the file: the row and its route go; the API's domain stays.
    expect((await deploy(a.dev, appId, compose)).status).toBe(200);
    const after = (await a.dev.get(`/apps/${appId}/domains`)).body.items;
    expect(after.map((d: { host: string }) => d.host)).toEqual([host]);
    await until("the compose route gone", async () => (await upstreamsOf(composeHost)) === undefined);
  });

  it("keeps tenant containers on the edge network away from the admin API", async () => {
    const [upstream] = (await upstreamsOf(host)) ?? [];
    expect(upstream).toBeTruthy();
    const net = await engine.getNetwork(`wharf-edge-${a.tenantId}`).inspect();
    const gateway = net.IPAM?.Config?.[0]?.Gateway ?? "";
    expect(gateway).toMatch(/^\d+\./);
    const adminPort = new URL(caddy.adminUrl).port;
    // nc, not wget: the static busybox's wget crashes in a scratch container (no resolver libraries).
    const probe = (addr: string, path: string) =>
      `printf 'GET ${path} HTTP/1.0\\r\\n\\r\\n' | nc -w 2 ${addr.replace(":", " ")} | grep -q '^HTTP/' && echo "reached ${addr}${path}"`;
    const c = await engine.createContainer({
      Image: "busybox:latest",
      Tty: true,
      Cmd: ["sh", "-c", [probe(upstream, "/"), probe(`${gateway}:${adminPort}`, "/config/")].join("; ")],
      HostConfig: { NetworkMode: `wharf-edge-${a.tenantId}`, AutoRemove: false },
      Labels: { "wharf.tenant": a.tenantId },
    });
    try {
      await c.start();
      await c.wait();
      const out = (await c.logs({ stdout: true, stderr: true })).toString();
      expect(out).toContain(`reached ${upstream}/`); // the network works…
      expect(out).not.toContain("/config/"); // …the admin API is not on it
    } finally {
      await c.remove({ force: true });
    }
    expect((await fetch(`${caddy.adminUrl}/config/`)).ok).toBe(true); // it answers on the host's loopback
  });

  it("keeps answering under a load loop while the app is redeployed with a new image and scaled 1 → 3 → 1", async () => {
    const before = await upstreamsOf(host);
    expect(before).toHaveLength(1);
    // Upstream counts seen by a poller of Caddy's admin API while the switches run.
    const poller = watchUpstreamCounts(host);
    const counts = await switchesUnderLoad({
      dev: a.dev,
      appId,
      service: "web",
      caddy,
      host,
      pages: [page, pageV2],
      next: composeV2,
    }).finally(() => poller.stop());
    console.log(`zero-downtime load loop through Caddy:\n${describeCounts(counts)}`);
    const seen = await poller.stop();
    expect(counts.every((c) => c.total > 0)).toBe(true);
    expect(seen.has(3)).toBe(true); // scaling up added upstreams live
    expect(seen.has(0)).toBe(false); // the route never lost every upstream
    const after = await upstreamsOf(host);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before); // the new image's replica serves now
    expect((await curl(caddy, `https://${host}:${caddy.httpsPort}/`)).body.trim()).toBe(pageV2);
    // No drained replica is left on the engine.
    const left = await engine.listContainers({ all: true, filters: { label: [`wharf.app=${appId}`] } });
    expect(left.map((c) => c.Names[0])).toEqual([expect.stringMatching(/_web_1$/)]);
    expect(counts.reduce((n, c) => n + c.failed, 0)).toBe(0);
    // Handshakes cut by Caddy's config loads are reported, not hidden: a handful in thousands, never a pattern.
    const total = counts.reduce((n, c) => n + c.total, 0);
    expect(counts.reduce((n, c) => n + c.resets, 0)).toBeLessThanOrEqual(Math.ceil(total / 200));

    // A deploy whose new replica never passes its health check fails, and the old one stays routed and running:
    // the broken version's page is never served (the loop counts it as a failure).
    const broken = `${webService("wharf-busybox:latest", "broken")}    healthcheck:
      test: ["CMD", "false"]
      interval: 1s
      timeout: 1s
      retries: 1
`;
    const loop = loadLoop(caddy, host, [pageV2]);
    loop.phase("a failed deploy");
    const failed = await a.dev.post(`/apps/${appId}/deploy`, {
      source: { type: "compose", compose: broken },
    });
    const [failedCounts] = await loop.stop();
    console.log(`zero-downtime load loop, failed deploy: ${describeCounts([failedCounts])}`);
    expect(failed.status, JSON.stringify(failed.body)).not.toBe(200);
    expect(failedCounts.total).toBeGreaterThan(0);
    expect(failedCounts.failed).toBe(0);
    expect(await upstreamsOf(host)).toEqual(after);
  });

  it("routes a Swarm service to each task's ephemeral host-mode port and follows scaling", async () => {
    // Swarm without IPVS (docs/edge.md, "Swarm"): `ports: ["8080"]` gives every task a port the engine picks, on its
    // node's address; no fixed host port is published. Each task answers its own hostname (its container id).
    const swarmHost = `swarm.${baseA}`;
    const swarmCompose = `services:
  web:
    image: busybox:latest
    command: ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"]
    ports: ["8080"]
    deploy: { replicas: 2, restart_policy: { condition: any, delay: 1s } }
    x-wharf:
      domains:
        - { host: "${swarmHost}", port: 8080, redirect_https: false }
`;
    const id = await deployComposeApp(a.dev, a.projectId, {
      name: "swarm-site",
      hostId: world.hostId,
      mode: "swarm",
      compose: swarmCompose,
    });
    const [service] = await engine.listServices({ filters: { label: [`wharf.app=${id}`] } });
    expect(service.Spec?.EndpointSpec?.Ports).toEqual([
      { Protocol: "tcp", TargetPort: 8080, PublishMode: "host" },
    ]);
    // What Caddy should dial: each running task's published port on the node (127.0.0.1, the test swarm's address).
    const tasks = async () =>
      (await engine.listTasks({ filters: { service: [service.ID], "desired-state": ["running"] } })).filter(
        (t) => t.Status?.State === "running",
      );
    const dials = async () =>
      (await tasks())
        .map(
          (t) =>
            `127.0.0.1:${(t.Status as { PortStatus: { Ports: { PublishedPort: number }[] } }).PortStatus.Ports[0].PublishedPort}`,
        )
        .sort();
    const follows = (n: number) => async () => {
      const want = await dials();
      const got = ((await upstreamsOf(swarmHost)) ?? []).sort();
      return want.length === n && JSON.stringify(got) === JSON.stringify(want) && got;
    };
    await until("two task upstreams", follows(2));

    // Requests through Caddy reach both tasks (random balancing: a run of 2^-k misses is improbable, not impossible).
    const names = new Set((await tasks()).map((t) => t.Status?.ContainerStatus?.ContainerID?.slice(0, 12)));
    const seen = new Set<string>();
    await until("both tasks answering through Caddy", async () => {
      const r = await curl(caddy, `http://${swarmHost}:${caddy.httpPort}/`);
      if (r.status === 200) seen.add(r.body.trim());
      return seen.size === 2;
    });
    expect(seen).toEqual(names);

    // A port this service does not publish without a host port is refused, naming the field.
    const unpublished = await a.dev.post(`/apps/${id}/domains`, {
      host: `other.${baseA}`,
      service: "web",
      port: 9090,
    });
    expect(unpublished.status).toBe(422);
    expect(Object.keys(unpublished.body.error.fields)).toEqual(["port"]);

    // A service made outside Wharf that carries this app's labels and a copy of its tasks' proof is not routed: the
    // proof is bound to the real service's name.
    const [real] = await tasks();
    const forged = await engine.createService({
      Name: `forged-${stamp}`,
      Labels: service.Spec?.Labels ?? {},
      TaskTemplate: {
        ContainerSpec: {
          Image: "busybox:latest",
          Command: [
            "sh",
            "-c",
            "mkdir -p /www && echo forged > /www/index.html && exec httpd -f -p 8080 -h /www",
          ],
          Labels: real.Spec?.ContainerSpec?.Labels ?? {},
        },
      },
      EndpointSpec: { Mode: "dnsrr", Ports: [{ Protocol: "tcp", TargetPort: 8080, PublishMode: "host" }] },
    } as object);
    try {
      const forgedDial = await until("the forged task running", async () => {
        const [t] = (await engine.listTasks({ filters: { service: [forged.id] } })).filter(
          (k) => k.Status?.State === "running",
        );
        const port = (t?.Status as { PortStatus?: { Ports?: { PublishedPort: number }[] } })?.PortStatus
          ?.Ports?.[0];
        return port && `127.0.0.1:${port.PublishedPort}`;
      });
      const up = await a.dev.post(`/apps/${id}/scale`, { service: "web", replicas: 3 });
      expect(up.status, JSON.stringify(up.body)).toBe(200);
      expect(await until("three task upstreams", follows(3))).not.toContain(forgedDial);
    } finally {
      await engine.getService(forged.id).remove();
    }
    const down = await a.dev.post(`/apps/${id}/scale`, { service: "web", replicas: 1 });
    expect(down.status).toBe(200);
    const [before] = await until("one task upstream", follows(1));
    // A task the engine replaces (its container killed) comes back on a new port; the route follows it.
    const [last] = await tasks();
    await engine.getContainer(last.Status!.ContainerStatus!.ContainerID!).kill();
    const killedAt = Date.now();
    const [after] = await until("the replacement task's upstream", async () => {
      const got = await follows(1)();
      return got && got[0] !== before && got;
    });
    console.log(
      `swarm route followed a replaced task in ${Date.now() - killedAt} ms (${before} -> ${after})`,
    );

    // Zero downtime on Swarm (docs/edge.md "Swarm: redeploys and scaling"): the standalone case's load loop while
    // the service is redeployed with a new image and scaled 1 → 3 → 1. The new version stops serving at once on
    // SIGTERM (a shell trap ends the container), so a request Caddy sends to a task being stopped fails.
    const swarmV2 = `swarm v2 of ${stamp}`;
    const composeV2 = `services:
  web:
    image: wharf-busybox:latest
    command: ["sh", "-c", "mkdir -p /www && echo '${swarmV2}' > /www/index.html && httpd -f -p 8080 -h /www & trap 'exit 0' TERM; wait"]
    ports: ["8080"]
    deploy: { replicas: 1, restart_policy: { condition: any, delay: 1s } }
    x-wharf:
      domains:
        - { host: "${swarmHost}", port: 8080, redirect_https: false }
`;
    await until("the Swarm route over HTTPS", async () => {
      const r = await curl(caddy, `https://${swarmHost}:${caddy.httpsPort}/`);
      return r.status === 200;
    });
    const counts = await switchesUnderLoad({
      dev: a.dev,
      appId: id,
      service: "web",
      caddy,
      host: swarmHost,
      pages: (body) => body === swarmV2 || /^[0-9a-f]{12}$/.test(body), // v1 tasks answer their hostname
      next: composeV2,
    });
    console.log(`zero-downtime load loop through Caddy to Swarm tasks:\n${describeCounts(counts)}`);
    expect(counts.every((c) => c.total > 0)).toBe(true);
    expect((await curl(caddy, `https://${swarmHost}:${caddy.httpsPort}/`)).body.trim()).toBe(swarmV2);
    expect(counts.reduce((n, c) => n + c.failed, 0)).toBe(0);
    const total = counts.reduce((n, c) => n + c.total, 0);
    expect(counts.reduce((n, c) => n + c.resets, 0)).toBeLessThanOrEqual(Math.ceil(total / 200));

    swarmApp = { id, host: swarmHost, page: swarmV2 }; // restarted, stopped and removed below
  });

  it("passes a WebSocket echo and a Server-Sent Events stream through", async () => {
    // busybox only (no runtime in the test images): nc runs a WebSocket echo in sh, httpd a CGI event stream.
    const script = (name: string) => fs.readFileSync(path.join(import.meta.dirname, name)).toString("base64");
    const live = `services:
  live:
    image: busybox:latest
    command: ["sh", "-c", "mkdir -p /www/cgi-bin && echo ${script("sse-events.sh")} | base64 -d > /www/cgi-bin/events && echo ${script("ws-echo.sh")} | base64 -d > /ws.sh && chmod +x /ws.sh /www/cgi-bin/events && httpd -p 8081 -h /www && exec nc -ll -p 8080 -e /ws.sh"]
    x-wharf:
      domains:
        - { host: "live.${baseA}", port: 8080 }
        - { host: "live.${baseA}", port: 8081, path: /cgi-bin }
`;
    const liveId = await deployComposeApp(a.dev, a.projectId, {
      name: "live",
      hostId: world.hostId,
      compose: live,
    });
    const liveHost = `live.${baseA}`;
    await until(
      "both live routes",
      async () =>
        (await httpsRoutes()).filter(
          (r) => r.match[0].host.includes(liveHost) && r.handle.some((h) => h.upstreams?.length),
        ).length === 2,
    );
    const tlsTo = {
      ca: fs.readFileSync(caddy.rootCa),
      servername: liveHost,
      headers: { Host: `${liveHost}:${caddy.httpsPort}` },
    };

    const echoed = await new Promise<string[]>((resolve, reject) => {
      const ws = new WebSocket(`wss://127.0.0.1:${caddy.httpsPort}/echo`, tlsTo);
      const got: string[] = [];
      ws.on("open", () => ws.send("hello through the edge"));
      ws.on("message", (m) => {
        got.push(m.toString());
        if (got.length === 1) ws.send("and back again");
        else ws.close();
      });
      ws.on("close", () => resolve(got));
      ws.on("error", reject);
    });
    expect(echoed).toEqual(["hello through the edge", "and back again"]);

    // Events arrive one by one while the stream is open (a buffering proxy would deliver them in one piece at the end).
    const chunks = await new Promise<string[]>((resolve, reject) => {
      const req = https.get(
        { host: "127.0.0.1", port: caddy.httpsPort, path: "/cgi-bin/events", ...tlsTo },
        (res) => {
          expect(res.headers["content-type"]).toBe("text/event-stream");
          const seen: string[] = [];
          res.on("data", (c: Buffer) => seen.push(c.toString()));
          res.on("end", () => resolve(seen));
        },
      );
      req.on("error", reject);
    });
    expect(chunks.join("")).toContain("data: tick 3");
    expect(chunks[0]).toContain("data: tick 1");
    expect(chunks[0]).not.toContain("tick 2");
    expect((await a.dev.delete(`/apps/${liveId}`)).status).toBe(200);
  });

  it("drains before an app stop; a start gives a replica left under its drain name (a crash) its own name", async () => {
    expect(await upstreamsOf(host)).toHaveLength(1);
    const listed = () => engine.listContainers({ all: true, filters: { label: [`wharf.app=${appId}`] } });
    const names = async () => (await listed()).map((c) => c.Names[0]);
    const stopping = a.dev.post(`/apps/${appId}/stop`, {});
    // Out of the routes first (renamed `…_drain_0`), still running through the drain (1 s here).
    const route = async () => (await httpsRoutes()).find((r) => r.match[0].host.includes(host));
    await until(
      "the replica out of the routes (a route with no upstream answers 503)",
      async () => {
        const r = await route();
        return !!r && r.handle[0].upstreams === undefined;
      },
      10_000,
      20,
    );
    const draining = (await listed()).find((c) => /_drain_0$/.test(c.Names[0]));
    expect(draining?.State).toBe("running");
    expect((await stopping).status).toBe(200);
    const [stopped] = await listed();
    expect(stopped.State).toBe("exited");
    expect(stopped.Names[0]).not.toMatch(/_drain_/); // its name back
    // A crash during the drain leaves the drain name: the start gives the replica its name back and runs it.
    await engine.getContainer(stopped.Id).rename({ name: `${stopped.Names[0].slice(1)}_drain_0` });
    expect((await a.dev.post(`/apps/${appId}/start`, {})).status).toBe(200);
    expect(await names()).toEqual([stopped.Names[0]]);
    await until("the route back after the start", async () => (await upstreamsOf(host))?.length === 1);
  });

  it("restarts two routed replicas one at a time under a load loop: none fails, each is routed again before the next", async () => {
    const scaled = await a.dev.post(`/apps/${appId}/scale`, { service: "web", replicas: 2 });
    expect(scaled.status, JSON.stringify(scaled.body)).toBe(200);
    await until("two upstreams", async () => (await upstreamsOf(host))?.length === 2);
    const running = await engine.listContainers({ filters: { label: [`wharf.app=${appId}`] } });
    const startedAt = () =>
      Promise.all(running.map(async (c) => (await engine.getContainer(c.Id).inspect()).State.StartedAt));
    const before = await startedAt();
    const poller = watchUpstreamCounts(host);
    const loop = loadLoop(caddy, host, [pageV2]);
    loop.phase("rolling restart of 2 routed replicas");
    const t0 = Date.now();
    const restarted = await a.dev.post(`/apps/${appId}/restart`, {});
    const took = Date.now() - t0;
    const counts = await loop.stop();
    const seen = await poller.stop();
    console.log(
      `load loop through Caddy during a standalone restart (${took} ms):\n${describeCounts(counts)}`,
    );
    expect(restarted.status, JSON.stringify(restarted.body)).toBe(200);
    // Both restarted (the same containers, started again), under their own names, both routed again.
    const after = await startedAt();
    expect(after.every((t, i) => t !== before[i])).toBe(true);
    const names = (await engine.listContainers({ filters: { label: [`wharf.app=${appId}`] } })).map(
      (c) => c.Names[0],
    );
    expect(names.sort()).toEqual(running.map((c) => c.Names[0]).sort());
    expect(await upstreamsOf(host)).toHaveLength(2);
    expect(seen.has(1)).toBe(true); // one left the routes at a time…
    expect(seen.has(0)).toBe(false); // …never both
    expect(counts[0].total).toBeGreaterThan(0);
    expect(counts.reduce((n, c) => n + c.failed, 0)).toBe(0);
    const total = counts.reduce((n, c) => n + c.total, 0);
    expect(counts.reduce((n, c) => n + c.resets, 0)).toBeLessThanOrEqual(Math.ceil(total / 200));
  });

  it("restarts a routed Swarm service start-first with no failed request, and a stop empties its route", async () => {
    expect(swarmApp).not.toBeNull(); // the Swarm case above deployed it
    const { id, host: swarmHost, page } = swarmApp!;
    const loop = loadLoop(caddy, swarmHost, [page]);
    loop.phase("Swarm restart (forced update, start-first)");
    const t0 = Date.now();
    const restarted = await a.dev.post(`/apps/${id}/restart`, {});
    const took = [Date.now() - t0];
    loop.phase("after the restart");
    await new Promise((r) => setTimeout(r, 500));
    loop.phase("Swarm stop (0 replicas)");
    const t1 = Date.now();
    const stopped = await a.dev.post(`/apps/${id}/stop`, {});
    took.push(Date.now() - t1);
    const counts = await loop.stop();
    console.log(
      `load loop through Caddy during a Swarm restart and stop (${took.join(" ms, ")} ms):\n${describeCounts(counts)}`,
    );
    expect(restarted.status, JSON.stringify(restarted.body)).toBe(200);
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    expect(counts[0].total).toBeGreaterThan(0);
    expect(counts[0].failed + counts[1].failed).toBe(0);
    // Once the task left the routes the edge answers 503 (no replica); the first failures of the stop are those
    // 503s, not requests cut in flight (a 502 or a dropped connection).
    expect(counts[2].failures.every((f) => f.startsWith("503 "))).toBe(true);
    // The stop returned once no task runs, and the route has no upstream left: the edge answers 503, not a hang.
    expect((await upstreamsOf(swarmHost)) ?? []).toEqual([]);
    expect((await curl(caddy, `https://${swarmHost}:${caddy.httpsPort}/`)).status).toBe(503);
    expect((await a.dev.delete(`/apps/${id}`)).status).toBe(200);
    swarmApp = null;
    expect(await upstreamsOf(swarmHost)).toBeUndefined();
  });

  it("converges after a Caddy restart, and removing the app removes its route", async () => {
    caddy.stop();
    caddy.start();
    const back = await until("the route back after a restart", async () => {
      const r = await curl(caddy, `https://${host}:${caddy.httpsPort}/`);
      return r.status === 200 && r.body;
    });
    expect(back.trim()).toBe(pageV2); // the zero-downtime test deployed version 2

    expect((await a.dev.delete(`/apps/${appId}`)).status).toBe(200);
    expect(await upstreamsOf(host)).toBeUndefined();
    expect((await curl(caddy, `https://${host}:${caddy.httpsPort}/`)).status).not.toBe(200);
  });
});
