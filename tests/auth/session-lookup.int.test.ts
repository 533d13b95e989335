// The per-request auth lookup (lib/auth/session.ts: one SQL statement for the session or token, its user and the
// user's memberships). Nothing is cached, so every change in the database applies to the very next request.
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    // A membership removed in the database is gone on the next request.
    expect(
      await sql(
        `DELETE FROM Membership WHERE tenantId = ? AND userId = (SELECT id FROM User WHERE email = ?)`,
        tenantA,
        "lookup-dev@wharf.test",
      ),
    ).toBe(1);
    expect((await client.get(`/tenants/${tenantA}/members`)).status).toBe(404);
    expect((await bearer.get(`/tenants/${tenantA}/members`)).status).toBe(404);
  });

  it("refuses an expired session and an expired token on the next request", async () => {
    const { client, user } = await createUserClient(admin, "lookup-expiry@wharf.test");
    const token = (await client.post("/tokens", { name: "ci" })).body.token as string;
    const bearer = Object.assign(new ApiClient(server.baseUrl), { token });
    expect((await client.get("/me")).status).toBe(200);
    expect((await bearer.get("/me")).status).toBe(200);
    const past = "2000-01-01T00:00:00.000+00:00";
    expect(await sql(`UPDATE Session SET expiresAt = ? WHERE userId = ?`, past, user.id)).toBeGreaterThan(0);
    expect((await client.get("/me")).status).toBe(401);
    expect((await bearer.get("/me")).status).toBe(200);
    expect(await sql(`UPDATE ApiToken SET expiresAt = ? WHERE userId = ?`, past, user.id)).toBe(1);
    expect((await bearer.get("/me")).status).toBe(401);
  });
});
