// The HTTP edge, end to end on the production server: body limits (413 before the body is read), JSON-only bodies,
// trusted proxies (a forged X-Forwarded-For changes nothing; a trusted proxy's is honoured), a sign-in throttle a
// stranger cannot use to lock the owner out, a one-time password that allows only its change, and members seeing
// only their own tenant's host grants.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "./raw-http";
import { ApiClient, createUserClient } from "../helpers/api-client";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";

const TRUSTED = "127.0.0.2";
let server: WharfServer;
let admin: ApiClient;
let tenantA = "";
let tenantB = "";
let hostId = "";
let dev: ApiClient;

beforeAll(async () => {
  server = await startWharfServer({
    env: {
      WHARF_TRUSTED_PROXIES: `${TRUSTED}/32`,
      WHARF_LOGIN_MAX_FAILURES_PER_ADDRESS: "1000",
      WHARF_LOGIN_MAX_FAILURES_PER_ACCOUNT: "25",
    },
  });
  admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
  tenantA = (await admin.post("/tenants", { name: "Edge A" })).body.id;
  tenantB = (await admin.post("/tenants", { name: "Edge B" })).body.id;
  hostId = (await admin.get("/hosts")).body.items.find((h: { name: string }) => h.name === "local").id;
  await admin.put(`/hosts/${hostId}/grants`, { tenantIds: [tenantA, tenantB] });
  dev = (
    await createUserClient(admin, "edge-dev@wharf.test", {
      memberships: [{ tenantId: tenantA, role: "developer" }],
    })
  ).client;
}, 200_000);
afterAll(async () => server?.stop());

const json = (c: ApiClient) => ({
  origin: server.baseUrl,
  cookie: c.cookie,
  "content-type": "application/json",
});

describe("body limits", () => {
  it("answers 413 from the declared length of a 100 MiB body, having been sent only 1 KiB of it", async () => {
    const before = (await dev.get("/projects")).body.items.length;
    const started = Date.now();
    const res = await rawRequest(server.baseUrl, {
      method: "POST",
      path: "/api/v1/projects",
      headers: json(dev),
      body: " ".repeat(1024),
      declaredLength: 100 * 1024 * 1024,
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe("too_large");
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await dev.get("/projects")).body.items.length).toBe(before);
  });

  it("cuts a chunked body (no length) at the route's limit", async () => {
    const res = await rawRequest(server.baseUrl, {
      method: "POST",
      path: "/api/v1/projects",
      headers: json(dev),
      body: " ".repeat(64 * 1024),
      chunks: 40,
    });
    expect(res.status).toBe(413);
  });

  it("gives compose routes room for a compose file, and uploads their own limit", async () => {
    const compose = await rawRequest(server.baseUrl, {
      method: "POST",
      path: "/api/v1/projects/none/apps",
      headers: json(dev),
      body: " ".repeat(1024),
      declaredLength: 300 * 1024,
      timeoutMs: 3000,
    });
    expect(compose.status).not.toBe(413); // under the compose limit: the body is read (and found short)
    // A build upload that declares `mib` MiB and sends only the start of its body.
    const upload = (mib: number, timeoutMs?: number) =>
      rawRequest(server.baseUrl, {
        method: "POST",
        path: "/api/v1/builds",
        headers: { ...json(dev), "content-type": "multipart/form-data; boundary=X" },
        body: "--X\r\n",
        declaredLength: mib * 1024 * 1024,
        timeoutMs,
      });
    // 50 MiB is within the upload limit: the server waits for the body
    expect((await upload(50, 3000)).status).not.toBe(413);
    expect((await upload(200)).status).toBe(413);
  });
});

describe("content types", () => {
  it("parses only JSON content types as JSON (415 otherwise), and nothing is created", async () => {
    const body = JSON.stringify({ tenantId: tenantA, name: "Plain" });
    const plain = await dev.request("POST", "/projects", body, { "content-type": "text/plain" });
    expect(plain.status).toBe(415);
    expect(plain.body.error.fields.body).toMatch(/application\/json/);
    const none = await dev.request("POST", "/projects", body);
    expect(none.status).toBe(415);
    const vendor = await dev.request("POST", "/projects", body, {
      "content-type": "application/merge-patch+json; charset=utf-8",
    });
    expect(vendor.status).toBe(201);
    const names = (await dev.get("/projects")).body.items.map((p: { name: string }) => p.name);
    expect(names.filter((n: string) => n === "Plain")).toHaveLength(1);
  });
});

/** A sign-in attempt from `from` (the socket's address), optionally carrying X-Forwarded-For. */
function signIn(email: string, password: string, from: string, xff?: string) {
  return rawRequest(server.baseUrl, {
    method: "POST",
    path: "/api/v1/session",
    headers: { "content-type": "application/json", ...(xff ? { "x-forwarded-for": xff } : {}) },
    body: JSON.stringify({ email, password }),
    localAddress: from,
  });
}

async function auditIps(email: string): Promise<string[]> {
  const items = (await admin.get("/audit?action=session.create&limit=500")).body.items as {
    actorEmail: string;
    ip: string;
  }[];
  return items.filter((e) => e.actorEmail === email).map((e) => e.ip);
}

describe("trusted proxies", () => {
  it("ignores X-Forwarded-For from an untrusted peer: the throttle and the audit log see the socket address", async () => {
    const email = "forged@wharf.test";
    await createUserClient(admin, email);
    const statuses: (number | string)[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await signIn(email, `wrong-${i}`, "127.0.0.1", `198.51.100.${i + 1}`)).status);
    // Changing the header each time would have dodged a per-address throttle that believed it.
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    const ips = await auditIps(email);
    expect(ips.length).toBeGreaterThanOrEqual(11);
    expect(ips.every((ip) => ip === "127.0.0.1" || ip === "::ffff:127.0.0.1")).toBe(true);
  });

  it("honours X-Forwarded-For from a trusted proxy, in the throttle and in the audit log", async () => {
    const email = "proxied@wharf.test";
    const { password } = await createUserClient(admin, email);
    for (let i = 0; i < 10; i++)
      expect((await signIn(email, "wrong", TRUSTED, "203.0.113.7")).status).toBe(401);
    expect((await signIn(email, "wrong", TRUSTED, "203.0.113.7")).status).toBe(429);
    // Another client behind the same proxy is another address: not throttled, and signs in.
    expect((await signIn(email, password, TRUSTED, "203.0.113.8")).status).toBe(200);
    const ips = await auditIps(email);
    expect(ips).toContain("203.0.113.7");
    expect(ips).toContain("203.0.113.8");
  });
});

describe("sign-in throttling", () => {
  it("does not let strangers lock the owner out", async () => {
    const email = "owner@wharf.test";
    const { password } = await createUserClient(admin, email);
    // The owner signs in from home once (through the proxy, as 192.0.2.10), so that address is known.
    expect((await signIn(email, password, TRUSTED, "192.0.2.10")).status).toBe(200);
    // Strangers from three addresses: each is stopped after 10; the account-wide limit (25 here) is then reached.
    for (const stranger of ["198.18.0.1", "198.18.0.2", "198.18.0.3"])
      for (let i = 0; i < 10; i++) await signIn(email, "guess", TRUSTED, stranger);
    expect((await signIn(email, "guess", TRUSTED, "198.18.0.1")).status).toBe(429);
    expect((await signIn(email, "guess", TRUSTED, "198.18.0.9")).status).toBe(429); // a new stranger too
    // The owner, from an address they signed in from before, still gets in.
    expect((await signIn(email, password, TRUSTED, "192.0.2.10")).status).toBe(200);
  });
});

describe("one-time password", () => {
  it("allows only reading who you are and changing the password, on every path", async () => {
    const created = await admin.post("/users", {
      email: "otp@wharf.test",
      memberships: [{ tenantId: tenantA, role: "developer" }],
    });
    const otp = created.body.oneTimePassword as string;
    const c = await new ApiClient(server.baseUrl).login("otp@wharf.test", otp);
    for (const [method, path] of [
      ["GET", "/projects"],
      ["GET", "/hosts"],
      ["GET", "/counters"],
      ["GET", "/containers"],
      ["POST", "/tokens"],
    ]) {
      const res = await c.request(method, path, method === "POST" ? { name: "t" } : undefined);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe("password_change_required");
    }
    expect((await c.get("/me")).status).toBe(200);
    expect(
      (await c.post("/me/password", { currentPassword: otp, newPassword: "a-new-long-password" })).status,
    ).toBe(200);
    expect((await c.get("/projects")).status).toBe(200);
    expect((await c.get("/counters")).status).toBe(200);
  });
});

describe("host grants", () => {
  it("shows a tenant member only their own tenants among a host's grants; admins see all", async () => {
    const mine = (await dev.get("/hosts")).body.items.find((h: { id: string }) => h.id === hostId);
    expect(mine.tenantIds).toEqual([tenantA]);
    expect((await dev.get(`/hosts/${hostId}`)).body.tenantIds).toEqual([tenantA]);
    const all = (await admin.get(`/hosts/${hostId}`)).body.tenantIds;
    expect([...all].sort()).toEqual([tenantA, tenantB].sort());
  });
});
