// Issue 20, "Why": kill -9 of the server 3 s into a voting-app deploy used to leave containers behind and the app
// "deploying" with revision 1 "pending" until a person redeployed. Now the restarted server takes the dead
// process's lease (lib/deploy/lease.ts) and heals the app on its own (lib/deploy/recover.ts); deploying again works.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployUntilCreating } from "./streamed-deploy";
import {
  engine,
  eventually,
  objectsWithLabel,
  startTenantWorld,
  votingCompose,
  type TenantWorld,
} from "../deploy/helpers";
import { onPostgres } from "../helpers/test-database";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";

// ~45 s: it runs once per suite, in the PostgreSQL pass (scripts/test.sh), where several instances will share a
// database. The lease and healing code is the same Prisma on SQLite: there it runs on demand, WHARF_TEST_CRASH_HEAL=1.
const runs = onPostgres() || process.env.WHARF_TEST_CRASH_HEAL === "1";

let world: TenantWorld | undefined;
let restarted: WharfServer | undefined;

beforeAll(async () => {
  if (runs) world = await startTenantWorld("Crash");
}, 200_000);
afterAll(async () => {
  await restarted?.stop();
  await world?.stop();
});

describe.skipIf(!runs)("a server killed mid-deploy (one instance)", () => {
  it("heals on restart with no person acting: revision failed, nothing left behind; deploying again converges", async () => {
    const w = world!;
    const { compose } = await votingCompose();
    const created = await w.t.dev.post(`/projects/${w.t.projectId}/apps`, {
      name: "voting-app",
      hostId: w.hostId,
      mode: "standalone",
      source: { type: "compose", compose },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const appId = created.body.app.id as string;

    await deployUntilCreating(w.t.dev, appId, compose);
    // Let it get some containers onto the engine, as in the issue (3 s in), then kill -9 the server.
    await eventually(
      async () => (await objectsWithLabel(`wharf.app=${appId}`)).containers.length,
      (n) => n >= 2,
      15_000,
    );
    await w.server.kill();
    const left = (await objectsWithLabel(`wharf.app=${appId}`)).containers.length;
    expect(left).toBeGreaterThan(0);

    // The same installation restarts (same data and port: the same instance, so its dead lease is taken at once).
    const port = Number(new URL(w.server.baseUrl).port);
    restarted = await startWharfServer({
      port,
      dataDir: w.server.dataDir,
      adminPassword: w.server.adminPassword,
    });
    const dev = w.t.dev; // sessions live in the database: the developer is still signed in
    const healed = await eventually(
      async () => (await dev.get(`/apps/${appId}/revisions`)).body,
      (b) => b?.items?.[0]?.outcome === "failed",
      60_000,
    );
    expect(healed.items[0]).toMatchObject({ number: 1, outcome: "failed" });
    expect(healed.items[0].message).toMatch(/interrupted/);
    const app = (await dev.get(`/apps/${appId}`)).body;
    expect(app.status).toBe("failed");
    // A first deploy has no earlier revision to go back to: what it created is gone (volumes are kept).
    const after = await objectsWithLabel(`wharf.app=${appId}`);
    expect(after.containers).toEqual([]);
    expect(after.networks).toEqual([]);

    // Retryable: the lease is free and the deploy converges, one container per service.
    const retry = await dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose } });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body).toMatchObject({ changed: true, revision: 2 });
    const running = await engine.listContainers({ all: true, filters: { label: [`wharf.app=${appId}`] } });
    const services = running.map((c) => c.Labels["wharf.service"]).sort();
    expect(services).toEqual(["db", "redis", "result", "vote", "worker"]);
    expect(running.every((c) => c.State === "running")).toBe(true);
    expect((await dev.get(`/apps/${appId}`)).body.status).toBe("running");
  });
});
