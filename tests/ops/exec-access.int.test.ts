import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, memberClient } from "@/tests/helpers/api-client";
import { provedLabels } from "@/tests/helpers/owner-labels";
import type { WharfServer } from "@/tests/helpers/wharf-server";
import {
  collectConsole,
  docker,
  openConsole,
  readNdjson,
  removeByPrefix,
  runContainer,
  startOps,
  until,
  upgradeStatus,
} from "./helpers";

// The console WebSocket (output, exit codes, the process killed when the browser leaves, Origin and session
// checks, audit) and tenant scoping of every container path: logs, stats, exec, actions, by raw id.
const uniq = `opsx${Date.now().toString(36)}`;
let server: WharfServer;
let admin: ApiClient;
let devA: ApiClient; // developer in A (local host granted to A)
let viewerA: ApiClient; // viewer in A
let devB: ApiClient; // developer in B (host also granted to B)
const ids: Record<string, string> = {};

beforeAll(async () => {
  let hostId: string;
  ({ server, admin, hostId } = await startOps());
  const a = (await admin.post("/tenants", { name: `A ${uniq}` })).body.id;
  const b = (await admin.post("/tenants", { name: `B ${uniq}` })).body.id;
  await admin.put(`/hosts/${hostId}/grants`, { tenantIds: [a, b] });
  devA = await memberClient(admin, `deva-${uniq}@wharf.test`, a, "developer");
  viewerA = await memberClient(admin, `viewa-${uniq}@wharf.test`, a, "viewer");
  devB = await memberClient(admin, `devb-${uniq}@wharf.test`, b, "developer");
  ids.a = (
    await runContainer(`${uniq}-a`, ["sh", "-c", "while true; do echo tick; sleep 1; done"], {
      labels: provedLabels(server, `${uniq}-a`, { tenant: a }),
    })
  ).id;
  ids.b = (
    await runContainer(`${uniq}-b`, ["sleep", "600"], {
      labels: provedLabels(server, `${uniq}-b`, { tenant: b }),
    })
  ).id;
  ids.none = (await runContainer(`${uniq}-none`, ["sleep", "600"])).id;
}, 120_000);

afterAll(async () => {
  await removeByPrefix(uniq);
  await server?.stop();
});

describe("console WebSocket", () => {
  it("runs a command without a TTY and returns its output and exit code", async () => {
    const ok = await collectConsole(openConsole(admin, ids.a, "?cmd=echo+hello-exec&tty=false"));
    expect(ok.output).toBe("hello-exec\n");
    expect(ok.exitCode).toBe(0);
    const bad = await collectConsole(openConsole(admin, ids.a, "?cmd=ls+/no-such-dir&tty=false"));
    expect(bad.stderr).toContain("no-such-dir");
    expect(bad.exitCode).not.toBe(0);
  });

  it("drives an interactive shell on a TTY, with resize", async () => {
    const res = await collectConsole(openConsole(devA, ids.a, "?cols=100&rows=30"), (ws) => {
      ws.send(JSON.stringify({ type: "resize", cols: 120, rows: 40 }));
      ws.send(Buffer.from("stty size; echo wharf-$((40+2)); exit 3\n"));
    });
    expect(res.output).toContain("40 120");
    expect(res.output).toContain("wharf-42");
    expect(res.exitCode).toBe(3);
  });

  it("kills the shell when the browser closes the socket", async () => {
    const ws = openConsole(admin, ids.a, "?cmd=/bin/sh");
    let out = "";
    ws.on("message", (d, bin) => bin && (out += d.toString()));
    await new Promise((r) => ws.once("open", r));
    ws.send("sleep 4242\n");
    await until("sleep started", async () => (await psInContainer(ids.a)).includes("sleep 4242"));
    ws.close();
    await until(
      "shell and sleep gone",
      async () => !(await psInContainer(ids.a)).includes("sleep 4242"),
      15_000,
    );
    const audit = await until("exec audited", async () => {
      const items = (await admin.get(`/audit?action=container.exec`)).body.items as {
        targetId: string;
        detail: { durationMs?: number; endedBy?: string };
      }[];
      return items.find((e) => e.targetId === ids.a && e.detail.endedBy === "browser closed");
    });
    expect(audit.detail.durationMs).toBeGreaterThan(0);
  });

  it("refuses a foreign Origin, a missing session and shell syntax in cmd", async () => {
    expect(await upgradeStatus(openConsole(admin, ids.a, "", { origin: "http://evil.example" }))).toBe(403);
    expect(await upgradeStatus(openConsole(new ApiClient(server.baseUrl), ids.a, ""))).toBe(401);
    expect(await upgradeStatus(openConsole(admin, ids.a, "?cmd=sh+-c+%27id%27"))).toBe(422);
  });
});

describe("tenant scoping by raw id", () => {
  const paths = (id: string) => [
    `/containers/${id}`,
    `/containers/${id}/logs?tail=5`,
    `/containers/${id}/stats?stream=false`,
  ];

  it("answers 404 to another tenant's and to unlabelled containers, on every path", async () => {
    for (const id of [ids.b, ids.none, ids.b.slice(0, 12), `${uniq}-b`]) {
      for (const p of paths(id)) expect([p, (await devA.get(p)).status]).toEqual([p, 404]);
      for (const action of ["start", "stop", "restart", "kill"])
        expect((await devA.post(`/containers/${id}/${action}`)).status).toBe(404);
      expect((await devA.delete(`/containers/${id}`)).status).toBe(404);
      expect(await upgradeStatus(openConsole(devA, id, "?cmd=id&tty=false"))).toBe(404);
      expect((await readNdjson(devA, `/containers/${id}/logs?follow=true`, () => true)).status).toBe(404);
    }
    expect((await docker.getContainer(ids.b).inspect()).State.Running).toBe(true); // nothing was done to it
  });

  it("lets a viewer read but not operate or exec (403), and a developer do both", async () => {
    for (const p of paths(ids.a)) expect([p, (await viewerA.get(p)).status]).toEqual([p, 200]);
    expect((await viewerA.post(`/containers/${ids.a}/restart`)).status).toBe(403);
    expect((await viewerA.delete(`/containers/${ids.a}`)).status).toBe(403);
    expect(await upgradeStatus(openConsole(viewerA, ids.a, "?cmd=id&tty=false"))).toBe(403);
    expect((await devB.get(`/containers/${ids.a}`)).status).toBe(404);
    const own = await devA.get(`/containers/${ids.a}`);
    expect(own.body.can).toEqual({ operate: true, exec: true });
    // Not a replica of any app's current revision: (re)starting it would run outside the quota (docs/security.md).
    expect((await devA.post(`/containers/${ids.a}/restart`)).status).toBe(409);
    expect((await devA.post(`/containers/${ids.a}/kill`)).status).toBe(200);
  });

  it("keeps host resources, Swarm and cluster health for admin and ops", async () => {
    for (const p of ["/cluster/health", "/swarm/nodes"]) expect((await devA.get(p)).status).toBe(403);
  });
});

async function psInContainer(id: string): Promise<string> {
  const exec = await docker
    .getContainer(id)
    .exec({ Cmd: ["ps", "-o", "args"], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  await new Promise((r) => stream.on("end", r));
  return Buffer.concat(chunks).toString("latin1");
}
