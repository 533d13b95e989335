// Revocation reaches open streams: removing a membership or disabling a user ends their console WebSocket, log
// follow (NDJSON), stats (SSE), fleet stream, build log (text) and deploy progress (NDJSON) at once with a reason;
// and every stream re-checks on its own (WHARF_STREAM_RECHECK_MS, 2 s here; 30 s by default), so a session deleted
// behind Wharf's back ends them too.
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { removeTenantObjects } from "../deploy/helpers";
import { ApiClient, createUserClient } from "../helpers/api-client";
import { provedLabels } from "../helpers/owner-labels";
import { startWharfServer } from "../helpers/wharf-server";
import { openConsole, removeByPrefix, runContainer, until } from "../ops/helpers";
import type { WharfServer } from "../helpers/wharf-server";
import type WebSocket from "ws";

const suffix = Date.now().toString(36);
const uniq = `revoke-${suffix}`;
let server: WharfServer;
let admin: ApiClient;
let tenant = "";
let hostId = "";
let projectId = "";
let containerId = "";
const buildIds: string[] = [];

/** Stays "starting" for minutes (start period 120 s), so the deploy and its progress stream stay open. */
const SLOW_COMPOSE = `services:
  web:
    image: busybox:latest
    command: ["sleep", "600"]
    healthcheck:
      test: ["CMD", "false"]
      interval: 30s
      timeout: 5s
      retries: 3
      start_period: 120s
`;

beforeAll(async () => {
  server = await startWharfServer({ env: { WHARF_STREAM_RECHECK_MS: "2000" } });
  admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
  tenant = (await admin.post("/tenants", { name: "Revoke" })).body.id;
  hostId = (await admin.get("/hosts")).body.items.find((h: { name: string }) => h.name === "local").id;
  await admin.put(`/hosts/${hostId}/grants`, { tenantIds: [tenant] });
  projectId = (await admin.post("/projects", { tenantId: tenant, name: "Revoke" })).body.id;
  containerId = (
    await runContainer(`${uniq}-c`, ["sh", "-c", "while true; do echo tick; sleep 1; done"], {
      labels: provedLabels(server, `${uniq}-c`, { tenant }),
    })
  ).id;
}, 200_000);
// Each test's build is cancelled after it: left running, they would hold the tenant's two build slots.
afterEach(async () => {
  for (const id of buildIds.splice(0)) await admin.post(`/builds/${id}/cancel`);
});
afterAll(async () => {
  await removeByPrefix(uniq);
  await server?.stop();
  // The deploys' objects (the deploys were still waiting for health when the server stopped).
  if (tenant) await removeTenantObjects([tenant]);
});

/** `byServer`: the server ended it (not the time limit). */
type Ended = { text: string; byServer: boolean };

/** Reads a streaming response to its end (or `withinMs`), keeping the text. `post`: a JSON body, sent with POST. */
async function follow(
  client: ApiClient,
  path: string,
  accept = "*/*",
  post?: unknown,
  withinMs = 90_000,
): Promise<{ status: number; ended: Promise<Ended> }> {
  const ac = new AbortController();
  const res = await fetch(`${server.baseUrl}/api/v1${path}`, {
    headers: {
      cookie: client.cookie,
      accept,
      ...(post ? { origin: server.baseUrl, "content-type": "application/json" } : {}),
    },
    ...(post ? { method: "POST", body: JSON.stringify(post) } : {}),
    signal: ac.signal,
  });
  const ended = (async () => {
    let text = "";
    let byServer = false;
    const timer = setTimeout(() => ac.abort(), withinMs);
    try {
      const reader = res.body!.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += Buffer.from(value).toString();
      }
      byServer = true;
    } catch {
      /* aborted at the limit: not ended by the server (the text then lacks the revoked frame) */
    } finally {
      clearTimeout(timer);
    }
    return { text, byServer };
  })();
  return { status: res.status, ended };
}

function consoleClosed(ws: WebSocket): Promise<{ code: number; reason: string; messages: string[] }> {
  const messages: string[] = [];
  return new Promise((resolve, reject) => {
    ws.on("message", (d, binary) => !binary && messages.push(d.toString()));
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString(), messages }));
    ws.on("unexpected-response", (_q, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

/** A build that runs for a while (its log stays open), and a deploy that waits for health (its progress too). */
async function openBuildAndDeploy(client: ApiClient, name: string) {
  const build = await client.post("/builds", {
    sourceType: "inline",
    projectId,
    hostId,
    inline: { dockerfile: "FROM busybox:latest\nRUN sleep 45\n" },
  });
  expect(build.status, JSON.stringify(build.body)).toBe(201);
  buildIds.push(build.body.id);
  const app = await client.post(`/projects/${projectId}/apps`, { name, hostId });
  expect(app.status, JSON.stringify(app.body)).toBe(201);
  const buildLog = await follow(client, `/builds/${build.body.id}/log`);
  const deploy = await follow(client, `/apps/${app.body.app.id}/deploy`, "application/x-ndjson", {
    source: { type: "compose", compose: SLOW_COMPOSE },
  });
  for (const s of [buildLog, deploy]) expect(s.status).toBe(200);
  // Under way: the deploy has said something, and the build runs (not still waiting for a slot).
  await until(
    "the build runs",
    async () => (await client.get(`/builds/${build.body.id}`)).body.status === "running",
    60_000,
  );
  return { buildLog: buildLog.ended, deploy: deploy.ended };
}

async function openAll(client: ApiClient, name: string) {
  const ws = openConsole(client, containerId, "?cmd=sh&tty=true");
  const closed = consoleClosed(ws);
  // A refused upgrade fails here at once (not as a hang until the test's timeout).
  await Promise.race([new Promise((r, j) => (ws.once("open", r), ws.once("error", j))), closed]);
  const logs = await follow(client, `/containers/${containerId}/logs?follow=true&tail=1`);
  const stats = await follow(client, `/containers/${containerId}/stats`, "text/event-stream");
  const fleet = await follow(client, "/stream");
  for (const s of [logs, stats, fleet]) expect(s.status).toBe(200);
  const work = await openBuildAndDeploy(client, name);
  return { closed, logs: logs.ended, stats: stats.ended, fleet: fleet.ended, ...work };
}

/**
 * Every stream ended, told `reason`: the sentence only the immediate path gives (the periodic re-check knows no
 * reason, and the fleet stream's own re-check ends it without a `revoked` frame). So no clock is read:
 * on a loaded machine "at once" can take seconds, and the test stays about which path ended them.
 */
async function expectAllEnded(open: Awaited<ReturnType<typeof openAll>>, reason: RegExp) {
  const [ws, logs, stats, fleet, buildLog, deploy] = await Promise.all([
    open.closed,
    open.logs,
    open.stats,
    open.fleet,
    open.buildLog,
    open.deploy,
  ]);
  expect(ws.code).toBe(1008);
  expect(ws.messages.some((m) => m.includes('"revoked"'))).toBe(true);
  expect(ws.reason).toMatch(reason);
  expect(logs.text).toMatch(/"type":"revoked"/);
  expect(logs.text).toMatch(reason);
  expect(stats.text).toMatch(/event: revoked/);
  expect(fleet.text).toMatch(/event: revoked/);
  expect(buildLog.text).toMatch(/\[wharf\] stream closed: .*/);
  expect(buildLog.text).toMatch(reason);
  expect(deploy.text).toMatch(/"type":"revoked"/);
  expect(deploy.text).toMatch(reason);
  expect(fleet.text).toMatch(reason);
}

/** A fresh developer of the tenant (`tag` tells the tests' users apart). */
const developer = (tag: string) =>
  createUserClient(admin, `${uniq}-${tag}@wharf.test`, {
    memberships: [{ tenantId: tenant, role: "developer" }],
  });

/** The client's next request is a 401 whose code says why it was signed out. */
async function expectSignedOut(client: ApiClient, code: string) {
  const me = await client.get("/me");
  expect([me.status, me.body.error.code]).toEqual([401, code]);
}

describe("revocation reaches open streams", () => {
  it("removing a membership ends the console, log follow, stats, fleet stream, build log and deploy progress at once, with a reason", async () => {
    const { client, user } = await developer("m");
    const open = await openAll(client, `slow-m-${suffix}`);
    expect(
      (await admin.post(`/tenants/${tenant}/members`, { userId: user.id, role: null })).status,
    ).toBeLessThan(300);
    await expectAllEnded(open, /your membership in the tenant was removed/);
  }, 120_000);

  it("disabling a user ends them at once, with a reason", async () => {
    const { client, user } = await developer("d");
    const open = await openAll(client, `slow-d-${suffix}`);
    expect((await admin.patch(`/users/${user.id}`, { disabled: true })).status).toBe(200);
    await expectAllEnded(open, /your account was disabled/);
    // Signed out, and told why: the 401's code names the reason (the sign-in page shows it).
    await expectSignedOut(client, "account_disabled");
  }, 120_000);

  it("re-checks on its own: a session deleted behind Wharf's back ends the streams at the next check", async () => {
    const { client, user } = await developer("s");
    const open = await openAll(client, `slow-s-${suffix}`);
    // The fleet stream re-checks on the same schedule (2 s here): read for 10 s at most, where its old fixed 30 s
    // period (first check at a random point of it) would have ended it in a third of the runs.
    const fleet = (await follow(client, "/stream", "*/*", undefined, 10_000)).ended;
    const db = new Database(path.join(server.dataDir, "wharf.db"));
    db.prepare("DELETE FROM Session WHERE userId = ?").run(user.id);
    db.close();
    const [ws, logs, stats, buildLog, deploy] = await Promise.all([
      open.closed,
      open.logs,
      open.stats,
      open.buildLog,
      open.deploy,
    ]);
    expect((await fleet).byServer).toBe(true);
    expect(ws.code).toBe(1008);
    expect(logs.text).toMatch(/"type":"revoked"/);
    expect(stats.text).toMatch(/event: revoked/);
    expect(buildLog.text).toMatch(/\[wharf\] stream closed/);
    expect(deploy.text).toMatch(/"type":"revoked"/);
    // They ended, which only the periodic re-check could do here (no one told them): no clock needed.
    await expectSignedOut(client, "session_ended");
  }, 120_000);

  it("a password reset by an admin signs the user out, and says so", async () => {
    const { client, user } = await developer("r");
    expect((await client.get("/me")).status).toBe(200);
    expect((await admin.patch(`/users/${user.id}`, { resetPassword: true })).status).toBe(200);
    await expectSignedOut(client, "password_reset");
    // Without a cookie at all: the plain 401.
    expect((await new ApiClient(server.baseUrl).get("/me")).body.error.code).toBe("unauthorized");
  });
});
