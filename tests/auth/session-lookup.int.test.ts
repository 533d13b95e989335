// The per-request auth lookup (lib/auth/session.ts: one SQL statement for the session or token, its user and the
// user's memberships), whose rows are kept AUTH_CACHE_MS (lib/auth/credential-cache.ts): a change made through this
// instance applies to the very next request; one made in the database behind its back within AUTH_CACHE_MS.
// Two instances: tests/ha/instances.int.test.ts.
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH_CACHE_MS } from "@/lib/auth/credential-cache";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { ApiClient, createUserClient } from "../helpers/api-client";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";

let server: WharfServer;
let admin: ApiClient;
let tenantA: string;
let tenantB: string;

beforeAll(async () => {
  server = await startWharfServer();
  admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
  tenantA = (await admin.post("/tenants", { name: "Lookup A" })).body.id;
  tenantB = (await admin.post("/tenants", { name: "Lookup B" })).body.id;
});
afterAll(() => server?.stop());

/** Writes straight into the server's SQLite file (WAL: the server keeps its connection open meanwhile). */
async function sql(statement: string, ...args: unknown[]) {
  const file = new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: `file:${path.join(server.dataDir, "wharf.db")}`, timeout: 5000 }),
  });
  try {
    return await file.$executeRawUnsafe(statement, ...args);
  } finally {
    await file.$disconnect();
  }
}

describe("per-request authentication", () => {
  it("gives a member their tenants' roles from the same lookup: own tenant yes, another 404", async () => {
    const { client } = await createUserClient(admin, "lookup-dev@wharf.test", {
      memberships: [{ tenantId: tenantA, role: "viewer" }],
    });
    const token = (await client.post("/tokens", { name: "ci" })).body.token as string;
    const bearer = Object.assign(new ApiClient(server.baseUrl), { token });
    for (const c of [client, bearer]) {
      expect((await c.get(`/tenants/${tenantA}/members`)).status).toBe(200);
      expect((await c.get(`/tenants/${tenantB}/members`)).status).toBe(404);
    }
    // A membership removed in the database, behind the server's back, is gone once AUTH_CACHE_MS has passed.
    expect(
      await sql(
        `DELETE FROM Membership WHERE tenantId = ? AND userId = (SELECT id FROM User WHERE email = ?)`,
        tenantA,
        "lookup-dev@wharf.test",
      ),
    ).toBe(1);
    await sleep(AUTH_CACHE_MS);
    expect((await client.get(`/tenants/${tenantA}/members`)).status).toBe(404);
    expect((await bearer.get(`/tenants/${tenantA}/members`)).status).toBe(404);
  });

  it("refuses a session and a token expired in the database once AUTH_CACHE_MS has passed", async () => {
    const { client, user } = await createUserClient(admin, "lookup-expiry@wharf.test");
    const token = (await client.post("/tokens", { name: "ci" })).body.token as string;
    const bearer = Object.assign(new ApiClient(server.baseUrl), { token });
    expect((await client.get("/me")).status).toBe(200);
    expect((await bearer.get("/me")).status).toBe(200);
    const past = "2000-01-01T00:00:00.000+00:00";
    expect(await sql(`UPDATE Session SET expiresAt = ? WHERE userId = ?`, past, user.id)).toBeGreaterThan(0);
    await sleep(AUTH_CACHE_MS);
    expect((await client.get("/me")).status).toBe(401);
    expect((await bearer.get("/me")).status).toBe(200);
    expect(await sql(`UPDATE ApiToken SET expiresAt = ? WHERE userId = ?`, past, user.id)).toBe(1);
    await sleep(AUTH_CACHE_MS);
    expect((await bearer.get("/me")).status).toBe(401);
  });

  it("applies changes made through this instance on the very next request, whatever it read before", async () => {
    // createUserClient signs in, changes the one-time password and returns: the row read while the password was
    // still one-time is forgotten, so the very next request is let through (not 403 password_change_required).
    const { client, user, password } = await createUserClient(admin, "lookup-now@wharf.test", {
      memberships: [{ tenantId: tenantA, role: "viewer" }],
    });
    const members = (c: ApiClient) => c.get(`/tenants/${tenantA}/members`).then((r) => r.status);
    expect(await members(client)).toBe(200);
    const second = await new ApiClient(server.baseUrl).login("lookup-now@wharf.test", password);
    const created = (await client.post("/tokens", { name: "ci" })).body as { id: string; token: string };
    const bearer = Object.assign(new ApiClient(server.baseUrl), { token: created.token });
    for (const c of [client, second, bearer]) expect(await members(c)).toBe(200); // all three rows read now

    const setRole = (role: string | null) =>
      admin.post(`/tenants/${tenantA}/members`, { userId: user.id, role });
    expect((await setRole(null)).status).toBe(200);
    for (const c of [client, bearer]) expect(await members(c)).toBe(404);
    expect((await setRole("viewer")).status).toBe(200);
    expect(await members(bearer)).toBe(200);

    expect((await client.delete(`/tokens/${created.id}`)).status).toBe(204);
    expect((await bearer.get("/me")).status).toBe(401);

    const signedOut = Object.assign(new ApiClient(server.baseUrl), { cookie: client.cookie });
    expect((await signedOut.delete("/session")).status).toBe(204);
    expect((await client.get("/me")).status).toBe(401);

    expect((await second.get("/me")).status).toBe(200);
    expect((await admin.patch(`/users/${user.id}`, { disabled: true })).status).toBe(200);
    expect((await second.get("/me")).status).toBe(401);
  });
});
