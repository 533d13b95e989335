import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createUserClient, memberClient } from "@/tests/helpers/api-client";
import { provedLabels } from "@/tests/helpers/owner-labels";
import { startWharfServer, type WharfServer } from "@/tests/helpers/wharf-server";
import { runContainer, until } from "./engine";
import { containerChanges, openSse } from "./sse-client";

// A tenant member sees only containers labelled with their tenant, on hosts granted to that tenant:
// in the list, the counters, the stream and by id. Unlabelled containers are for admin and ops only.
const uniq = `sc${Date.now().toString(36)}`;
const docker = new Docker({ socketPath: "/var/run/docker.sock" });
let server: WharfServer;
let admin: ApiClient;
let alice: ApiClient; // member of tenant A (local host granted to A)
let bob: ApiClient; // member of tenant B (no host granted)
let ops: ApiClient;
let localId: string;
const ids: Record<string, string> = {};
let tenantA: string;
let tenantB: string;

type Row = { id: string; name: string; tenant: string | null };
const names = async (c: ApiClient, q = uniq) =>
  ((await c.get(`/containers?limit=1000&q=${q}`)).body.items as Row[]).map((r) => r.name).sort();

/** Container `${uniq}-${suffix}` on the main engine, wearing `tenant`'s labels with a valid owner proof. */
const runOwned = (suffix: string, tenant: string, start = true) =>
  runContainer(docker, `${uniq}-${suffix}`, provedLabels(server, `${uniq}-${suffix}`, { tenant }), start);

beforeAll(async () => {
  server = await startWharfServer();
  admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
  tenantA = (await admin.post("/tenants", { name: `A ${uniq}` })).body.id;
  tenantB = (await admin.post("/tenants", { name: `B ${uniq}` })).body.id;
  localId = (await admin.get("/hosts")).body.items.find((h: { name: string }) => h.name === "local").id;
  await admin.put(`/hosts/${localId}/grants`, { tenantIds: [tenantA] });
  alice = await memberClient(admin, `alice-${uniq}@wharf.test`, tenantA, "developer");
  bob = await memberClient(admin, `bob-${uniq}@wharf.test`, tenantB, "developer");
  ops = (await createUserClient(admin, `ops-${uniq}@wharf.test`, { globalRole: "ops" })).client;
  ids.a1 = (await runOwned("a1", tenantA)).id;
  ids.a2 = (await runOwned("a2", tenantA, false)).id;
  ids.b1 = (await runOwned("b1", tenantB)).id;
  ids.none = (await runContainer(docker, `${uniq}-none`)).id;
  await until("all four in the cache", async () => (await names(admin)).length === 4);
}, 180_000);

afterAll(async () => {
  for (const c of await docker.listContainers({ all: true, filters: { name: [uniq] } }))
    await docker.getContainer(c.Id).remove({ force: true });
  await server?.stop();
});

describe("tenant scoping of the fleet", () => {
  it("lists only the member's tenant's containers on granted hosts", async () => {
    expect(await names(admin)).toEqual([`${uniq}-a1`, `${uniq}-a2`, `${uniq}-b1`, `${uniq}-none`]);
    expect(await names(ops)).toEqual([`${uniq}-a1`, `${uniq}-a2`, `${uniq}-b1`, `${uniq}-none`]);
    // Without a search term too: nothing from other tenants or unlabelled containers leaks in.
    const all = (await alice.get("/containers?limit=1000")).body.items as Row[];
    expect(all.map((r) => r.name).sort()).toEqual([`${uniq}-a1`, `${uniq}-a2`]);
    expect((await bob.get("/containers?limit=1000")).body.total).toBe(0); // B's container is on a host not granted to B
    expect((await alice.get(`/containers?tenant=${tenantB}`)).body.total).toBe(0);
  });

  it("counts only what the member may see", async () => {
    expect((await alice.get("/counters")).body.containers).toEqual({
      running: 1,
      total: 2,
      staleRunning: 0,
      staleTotal: 0,
    });
    expect((await alice.get("/counters")).body.hosts).toMatchObject({ up: 1, total: 1 });
    expect((await bob.get("/counters")).body).toMatchObject({
      containers: { running: 0, total: 0 },
      hosts: { total: 0 },
    });
  });

  it("answers 404 for another tenant's container by id, and for hosts not granted", async () => {
    expect((await alice.get(`/containers/${ids.a1}`)).status).toBe(200);
    expect((await alice.get(`/containers/${ids.b1}`)).status).toBe(404);
    expect((await alice.get(`/containers/${ids.none}`)).status).toBe(404);
    expect((await bob.get(`/containers/${ids.b1}`)).status).toBe(404);
    expect((await bob.get(`/hosts/${localId}`)).status).toBe(404);
    expect((await bob.get("/hosts")).body.items).toEqual([]);
  });

  it("streams only the member's changes, and picks up new grants", async () => {
    const headers = (c: ApiClient) => ({ cookie: c.cookie });
    const aliceSse = openSse(`${server.baseUrl}/api/v1/stream?containers=1`, headers(alice));
    const bobSse = openSse(`${server.baseUrl}/api/v1/stream?containers=1`, headers(bob));
    // Without containers=1 (the header on every page): counters and hosts, never container rows.
    const aliceCounters = openSse(`${server.baseUrl}/api/v1/stream`, headers(alice));
    expect(await aliceSse.opened).toBe(200);
    expect(await bobSse.opened).toBe(200);
    expect(await aliceCounters.opened).toBe(200);
    const anon = openSse(`${server.baseUrl}/api/v1/stream`, {});
    expect(await anon.opened).toBe(401);
    try {
      const a3 = (await runOwned("a3", tenantA)).id;
      const b2 = (await runOwned("b2", tenantB)).id;
      const x = (await runContainer(docker, `${uniq}-x`)).id;
      await until("alice sees a3 running", async () =>
        containerChanges(aliceSse.events).some((c) => c.c?.id === a3 && c.c.state === "running"),
      );
      await until("alice's counters rise", async () =>
        aliceSse.events.some((e) => e.event === "counters" && JSON.parse(e.data).containers.running === 2),
      );
      await until("alice's counters-only stream rises too", async () =>
        aliceCounters.events.some(
          (e) => e.event === "counters" && JSON.parse(e.data).containers.running === 2,
        ),
      );
      expect(aliceCounters.events.filter((e) => e.event === "containers")).toEqual([]);
      // Wait until admin's cache has the others too, so their events have certainly been published.
      await until(
        "b2 and x published",
        async () => (await names(admin)).includes(`${uniq}-x`) && (await names(admin)).includes(`${uniq}-b2`),
      );
      const seen = new Set(containerChanges(aliceSse.events).map((c) => c.c?.id ?? c.id));
      expect(seen.has(b2)).toBe(false);
      expect(seen.has(x)).toBe(false);
      expect(containerChanges(bobSse.events)).toEqual([]);

      // Granting the host to B: B's open stream is told to resync, and B now sees b1 and b2.
      await admin.put(`/hosts/${localId}/grants`, { tenantIds: [tenantA, tenantB] });
      await until("bob resync", async () => bobSse.events.some((e) => e.event === "resync"));
      expect(await names(bob)).toEqual([`${uniq}-b1`, `${uniq}-b2`]);
      await docker.getContainer(b2).stop({ t: 0 });
      await until("bob sees b2 exit", async () =>
        containerChanges(bobSse.events).some((c) => c.c?.id === b2 && c.c.state === "exited"),
      );
    } finally {
      aliceSse.close();
      aliceCounters.close();
      bobSse.close();
      anon.close();
    }
  });
});

// Counters, the container list and the stream are answered before Next.js routing (lib/api/direct.ts): the same
// checks and answers as every other route must hold there.
describe("direct routes", () => {
  it("send the security headers, like pages served by Next.js", async () => {
    for (const path of ["/api/v1/counters", "/api/v1/containers?limit=1", "/login"]) {
      const res = await fetch(`${server.baseUrl}${path}`, { headers: { cookie: alice.cookie } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
    }
  });

  it("refuse callers without a session, bad parameters and other methods with the usual error shape", async () => {
    const anon = await fetch(`${server.baseUrl}/api/v1/counters`);
    expect(anon.status).toBe(401);
    expect((await anon.json()).error.code).toBe("unauthorized");
    const bad = await alice.get("/containers?limit=0&sort=colour");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["limit", "sort"]);
    const post = await fetch(`${server.baseUrl}/api/v1/counters`, {
      method: "POST",
      headers: { cookie: alice.cookie, origin: server.baseUrl },
    });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    // HEAD answers like GET, without a body (and a stream ends at once).
    for (const path of ["/api/v1/counters", "/api/v1/stream"]) {
      const head = await fetch(`${server.baseUrl}${path}`, {
        method: "HEAD",
        headers: { cookie: alice.cookie },
      });
      expect(head.status, path).toBe(200);
      expect(await head.text(), path).toBe("");
    }
    expect((await fetch(`${server.baseUrl}/api/v1/counters`, { method: "HEAD" })).status).toBe(401);
    // A path below a direct route is still Next.js's (a container by id).
    expect((await alice.get(`/containers/${ids.a1}`)).status).toBe(200);
  });
});

// The console's tenant context (`?tenantId=` on every list, the counters and the stream) only ever narrows: a user
// in two tenants sees one at a time; another tenant's id is a 404 with nothing in it, for every list.
describe("tenant context", () => {
  let carol: ApiClient; // member of A and B (the local host is granted to both by now)
  const scoped = (c: ApiClient, tenantId: string) => names(c, `${uniq}&tenantId=${tenantId}`);
  const projectNames = async (c: ApiClient, tenantId?: string) =>
    ((await c.get(`/projects${tenantId ? `?tenantId=${tenantId}` : ""}`)).body.items as { name: string }[])
      .map((p) => p.name)
      .filter((n) => n.includes(uniq))
      .sort();

  beforeAll(async () => {
    await admin.put(`/hosts/${localId}/grants`, { tenantIds: [tenantA, tenantB] });
    carol = (
      await createUserClient(admin, `carol-${uniq}@wharf.test`, {
        memberships: [
          { tenantId: tenantA, role: "viewer" },
          { tenantId: tenantB, role: "viewer" },
        ],
      })
    ).client;
    await admin.post("/projects", { tenantId: tenantA, name: `pa ${uniq}` });
    await admin.post("/projects", { tenantId: tenantB, name: `pb ${uniq}` });
  });

  it("narrows the container list, the counters and every list to the chosen tenant", async () => {
    const [inA, inB] = [await scoped(carol, tenantA), await scoped(carol, tenantB)];
    expect(inA.length).toBeGreaterThan(0);
    expect(inA.every((n) => n.startsWith(`${uniq}-a`))).toBe(true);
    expect(inB.length).toBeGreaterThan(0);
    expect(inB.every((n) => n.startsWith(`${uniq}-b`))).toBe(true);
    expect([...inA, ...inB].sort()).toEqual(await names(carol));
    // Admin and ops narrowed to a tenant: its containers only, no unlabelled ones.
    expect(await scoped(admin, tenantA)).toEqual(inA);
    expect(await scoped(ops, tenantB)).toEqual(inB);

    const count = async (tenantId?: string) =>
      (await carol.get(`/counters${tenantId ? `?tenantId=${tenantId}` : ""}`)).body.containers
        .total as number;
    const [all, a, b] = [await count(), await count(tenantA), await count(tenantB)];
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(a + b).toBe(all);

    expect(await projectNames(carol)).toEqual([`pa ${uniq}`, `pb ${uniq}`]);
    expect(await projectNames(carol, tenantA)).toEqual([`pa ${uniq}`]);
    expect(await projectNames(carol, tenantB)).toEqual([`pb ${uniq}`]);
    const hosts = (await carol.get(`/hosts?tenantId=${tenantB}`)).body.items as { id: string }[];
    expect(hosts.map((h) => h.id)).toEqual([localId]);
    // A host's counts, in the list and on its page: what she sees of it (A's and B's, never the unlabelled one),
    // or the chosen tenant's.
    const hostTotal = async (path: string) => {
      const body = (await carol.get(path)).body as { id: string; containers: { total: number } };
      return "items" in body
        ? (body.items as (typeof body)[]).find((h) => h.id === localId)!.containers.total
        : body.containers.total;
    };
    expect(await hostTotal(`/hosts/${localId}`)).toBe(all);
    expect(await hostTotal(`/hosts`)).toBe(all);
    expect(await hostTotal(`/hosts/${localId}?tenantId=${tenantA}`)).toBe(a);
    expect(await hostTotal(`/hosts?tenantId=${tenantB}`)).toBe(b);
  });

  it("refuses another tenant's id (and an unknown one) with a 404 that says nothing, on every list", async () => {
    const lists = [
      "/containers",
      "/counters",
      "/apps",
      "/projects",
      "/builds",
      "/hosts",
      `/hosts/${localId}`,
      "/registries",
      "/events",
    ];
    for (const path of lists) {
      const res = await bob.get(`${path}?tenantId=${tenantA}`);
      expect(res.status, path).toBe(404);
      expect(res.body, path).toEqual({ error: { code: "not_found", message: "Tenant not found" } });
      expect((await admin.get(`${path}?tenantId=nope-${uniq}`)).status, path).toBe(404);
    }
    expect(
      await openSse(`${server.baseUrl}/api/v1/stream?tenantId=${tenantA}`, { cookie: bob.cookie }).opened,
    ).toBe(404);
    // A host's images, volumes and networks (admin and ops): in a tenant context, what Wharf's records tie to it.
    const images = (t?: string) => ops.get(`/hosts/${localId}/images${t ? `?tenantId=${t}` : ""}`);
    expect((await images()).body.items.length).toBeGreaterThan(0);
    expect((await images(tenantA)).body.items).toEqual([]); // A never built or pulled anything here
    const volumes = (await ops.get(`/hosts/${localId}/volumes?tenantId=${tenantA}`)).body.items as unknown[];
    expect(volumes).toEqual([]); // A's containers here mount none
    for (const part of ["images", "volumes", "networks"])
      expect((await ops.get(`/hosts/${localId}/${part}?tenantId=nope-${uniq}`)).status, part).toBe(404);
  });

  // The list pages render their first rows on the server (app/(console)/prefetched.tsx): the page's HTML (its RSC
  // payload included) holds only what the same API call answers that viewer in that tenant context.
  it("server-renders only the viewer's tenant's rows into the page HTML", async () => {
    const html = async (c: ApiClient, path: string) => {
      const res = await fetch(`${server.baseUrl}${path}`, { headers: { cookie: c.cookie } });
      expect(res.status, path).toBe(200);
      return res.text();
    };
    const bobs = await html(bob, "/containers");
    // B's rows are in it, so the absence of the others is the scope, not an empty page.
    expect(bobs).toContain(`${uniq}-b1`);
    expect(bobs).not.toContain(`${uniq}-a`);
    expect(bobs).not.toContain(`${uniq}-none`);
    // A's id in the URL is a 404 for B's member: nothing rendered from it.
    expect(await html(bob, `/containers?tenant=${tenantA}`)).not.toContain(`${uniq}-a`);
    // In both tenants: the context picks one.
    const carolB = await html(carol, `/containers?tenant=${tenantB}`);
    expect(carolB).toContain(`${uniq}-b1`);
    expect(carolB).not.toContain(`${uniq}-a`);
    const carolProjects = await html(carol, `/projects?tenant=${tenantA}`);
    expect(carolProjects).toContain(`pa ${uniq}`);
    expect(carolProjects).not.toContain(`pb ${uniq}`);
  });

  it("streams only the chosen tenant's changes and counts", async () => {
    const sse = openSse(`${server.baseUrl}/api/v1/stream?containers=1&tenantId=${tenantB}`, {
      cookie: carol.cookie,
    });
    try {
      expect(await sse.opened).toBe(200);
      const b3 = (await runOwned("b3", tenantB)).id;
      const a4 = (await runOwned("a4", tenantA)).id;
      await until("carol's B stream sees b3", async () =>
        containerChanges(sse.events).some((c) => c.c?.id === b3 && c.c.state === "running"),
      );
      await until("a4 published", async () => (await names(admin)).includes(`${uniq}-a4`));
      await until("B's counters caught up", async () => {
        const last = sse.events.filter((e) => e.event === "counters").at(-1);
        return !!last && JSON.parse(last.data).containers.total === (await scoped(carol, tenantB)).length;
      });
      expect(containerChanges(sse.events).some((c) => (c.c?.id ?? c.id) === a4)).toBe(false);
    } finally {
      sse.close();
    }
  });
});
