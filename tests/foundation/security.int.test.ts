import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createUserClient } from "../helpers/api-client";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";

let server: WharfServer;
let admin: ApiClient;
let tenantA: string;
let tenantB: string;
let projectB: string;
let devA: ApiClient;
let devAId: string;

beforeAll(async () => {
  server = await startWharfServer();
  admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
  tenantA = (await admin.post("/tenants", { name: "Tenant A" })).body.id;
  tenantB = (await admin.post("/tenants", { name: "Tenant B" })).body.id;
  projectB = (await admin.post("/projects", { tenantId: tenantB, name: "Secret B" })).body.id;
  const dev = await createUserClient(admin, "dev-a@wharf.test", {
    memberships: [{ tenantId: tenantA, role: "developer" }],
  });
  devA = dev.client;
  devAId = dev.user.id;
});
afterAll(() => server?.stop());

describe("tenant isolation", () => {
  it("answers 404 for another tenant's project, exactly as for a missing one", async () => {
    const foreign = await devA.get(`/projects/${projectB}`);
    const missing = await devA.get(`/projects/does-not-exist`);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect((await devA.patch(`/projects/${projectB}`, { name: "pwned" })).status).toBe(404);
    expect((await devA.delete(`/projects/${projectB}`)).status).toBe(404);
    expect((await admin.get(`/projects/${projectB}`)).body.name).toBe("Secret B");
  });

  it("answers 404 for another tenant's members and refuses to change them", async () => {
    expect((await devA.get(`/tenants/${tenantB}/members`)).status).toBe(404);
    expect((await devA.post(`/tenants/${tenantB}/members`, { userId: devAId, role: "owner" })).status).toBe(
      404,
    );
    expect((await admin.get(`/tenants/${tenantB}/members`)).body.items).toEqual([]);
  });

  it("lists only the caller's tenants and projects", async () => {
    expect((await devA.get("/tenants")).body.items.map((t: { id: string }) => t.id)).toEqual([tenantA]);
    expect((await devA.get("/projects")).body.items).toEqual([]);
    expect((await devA.get(`/projects?tenantId=${tenantB}`)).status).toBe(404);
  });

  it("lets viewers read but not write", async () => {
    const { client: viewer } = await createUserClient(admin, "viewer-a@wharf.test", {
      memberships: [{ tenantId: tenantA, role: "viewer" }],
    });
    const res = await viewer.post("/projects", { tenantId: tenantA, name: "Nope" });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/viewer/);
  });

  it("keeps admin-only endpoints for admins", async () => {
    expect((await devA.get("/users")).status).toBe(403);
    expect((await devA.post("/tenants", { name: "Mine" })).status).toBe(403);
    expect((await devA.get("/audit")).status).toBe(403);
  });
});

describe("cross-site requests", () => {
  const sessionOnly = () => Object.assign(new ApiClient(server.baseUrl), { cookie: devA.cookie });

  it.each([
    [
      "a foreign Origin with a text/plain body",
      { origin: "https://evil.example", "content-type": "text/plain" },
    ],
    ["Origin: null", { origin: "null", "content-type": "text/plain" }],
  ])("refuses a cookie-authenticated POST with %s", async (_name, headers) => {
    const before = (await admin.get(`/projects?tenantId=${tenantA}`)).body.items.length;
    const res = await sessionOnly().request(
      "POST",
      "/projects",
      JSON.stringify({ tenantId: tenantA, name: "CSRF" }),
      headers,
    );
    expect(res.status).toBe(403);
    expect((await admin.get(`/projects?tenantId=${tenantA}`)).body.items.length).toBe(before);
  });

  it("refuses a cookie-authenticated POST without any Origin", async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/projects`, {
      method: "POST",
      headers: { cookie: devA.cookie, "content-type": "application/json" },
      body: JSON.stringify({ tenantId: tenantA, name: "NoOrigin" }),
    });
    expect(res.status).toBe(403);
  });

  it("ignores x-middleware-subrequest", async () => {
    const header = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
    const anon = new ApiClient(server.baseUrl);
    expect((await anon.get("/me", header)).status).toBe(401);
    expect((await anon.post("/tenants", { name: "x" }, header)).status).toBe(401);
    const page = await fetch(`${server.baseUrl}/admin/users`, { headers: header, redirect: "manual" });
    expect([307, 308]).toContain(page.status);
    expect(page.headers.get("location")).toMatch(/\/login/);
  });

  it("records refused attempts in the audit log", async () => {
    const res = await admin.get("/audit?outcome=denied&action=project.create");
    expect(res.body.items.some((e: { actorEmail: string }) => e.actorEmail === "dev-a@wharf.test")).toBe(
      true,
    );
    const tenantDenied = await admin.get(`/audit?outcome=denied&action=tenant.create&userId=${devAId}`);
    expect(tenantDenied.body.items.length).toBeGreaterThan(0);
  });

  it("files a refusal under the tenant it targeted, naming the target", async () => {
    // The 404 that hid tenant B's project from dev A (first test) is a refusal in tenant B's review.
    const review = await admin.get(`/audit?tenantId=${tenantB}&outcome=denied&userId=${devAId}`);
    const rename = review.body.items.find((e: { action: string }) => e.action === "project.update");
    expect(rename).toMatchObject({ tenantId: tenantB, targetId: projectB, targetName: "Secret B" });
    expect(rename.detail).toMatchObject({ status: 404 });
    // Tenant A's review does not list it: the refusal belongs to the tenant whose object was tried.
    const own = await admin.get(`/audit?tenantId=${tenantA}&outcome=denied&action=project.update`);
    expect(own.body.items).toEqual([]);
  });
});

describe("sign-in", () => {
  it("answers identically for an unknown user and a wrong password", async () => {
    const unknown = await new ApiClient(server.baseUrl).request("POST", "/session", {
      email: "nobody@wharf.test",
      password: "whatever-password",
    });
    const wrong = await new ApiClient(server.baseUrl).request("POST", "/session", {
      email: "dev-a@wharf.test",
      password: "whatever-password",
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(unknown.status);
    expect(wrong.body).toEqual(unknown.body);
  });

  it("uses the whole password: 200 characters work, a change after the 72nd fails", async () => {
    const { client, password } = await createUserClient(admin, "long@wharf.test");
    const long = "p".repeat(100) + "Q".repeat(100);
    expect((await client.post("/me/password", { currentPassword: password, newPassword: long })).status).toBe(
      200,
    );
    expect(
      (
        await new ApiClient(server.baseUrl).request("POST", "/session", {
          email: "long@wharf.test",
          password: long,
        })
      ).status,
    ).toBe(200);
    const differentAfter72 = long.slice(0, 150) + "x" + long.slice(151);
    expect(
      (
        await new ApiClient(server.baseUrl).request("POST", "/session", {
          email: "long@wharf.test",
          password: differentAfter72,
        })
      ).status,
    ).toBe(401);
  });

  it("throttles the 11th failed sign-in in a row for one account", async () => {
    await createUserClient(admin, "target@wharf.test");
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (
          await new ApiClient(server.baseUrl).request("POST", "/session", {
            email: "target@wharf.test",
            password: `wrong-${i}-password`,
          })
        ).status,
      );
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    const audit = await admin.get("/audit?action=session.create&outcome=denied");
    expect(audit.body.items.some((e: { actorEmail: string }) => e.actorEmail === "target@wharf.test")).toBe(
      true,
    );
  });

  it("stores sessions so they survive a server restart", async () => {
    const cookie = admin.cookie;
    await server.stop();
    server = await startWharfServer({
      dataDir: server.dataDir,
      port: Number(new URL(server.baseUrl).port),
      adminPassword: server.adminPassword,
    });
    const again = Object.assign(new ApiClient(server.baseUrl), { cookie });
    expect((await again.get("/me")).status).toBe(200);
  });
});

describe("disabling a user", () => {
  it("stops their session and API token at once", async () => {
    const { client, user } = await createUserClient(admin, "soon-disabled@wharf.test", {
      memberships: [{ tenantId: tenantA, role: "developer" }],
    });
    const token = (await client.post("/tokens", { name: "ci" })).body.token as string;
    const bearer = Object.assign(new ApiClient(server.baseUrl), { token });
    expect((await bearer.get("/me")).status).toBe(200);
    expect((await client.get("/me")).status).toBe(200);
    expect((await admin.patch(`/users/${user.id}`, { disabled: true })).status).toBe(200);
    expect((await client.get("/me")).status).toBe(401);
    expect((await bearer.get("/me")).status).toBe(401);
  });

  it("revoked tokens stop working", async () => {
    const created = (await devA.post("/tokens", { name: "temp" })).body;
    const bearer = Object.assign(new ApiClient(server.baseUrl), { token: created.token });
    expect((await bearer.get("/me")).status).toBe(200);
    expect((await devA.delete(`/tokens/${created.id}`)).status).toBe(204);
    expect((await bearer.get("/me")).status).toBe(401);
    expect((await devA.get("/tokens")).body.items.some((t: { token?: string }) => "token" in t)).toBe(false);
  });
});
