import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WATCHDOG_INTERVAL_MS } from "@/lib/fleet/watchdog";
import { ApiClient, createUserClient } from "@/tests/helpers/api-client";
import { selfSignedCert } from "@/tests/helpers/self-signed";
import { startWharfServer, type WharfServer } from "@/tests/helpers/wharf-server";
import { until } from "./engine";

// Adding hosts: a TCP+TLS engine with client certificates, and every way a URL can be wrong — each refused with a
// reason naming the field, and no host row left behind.
const uniq = `ha${Date.now().toString(36)}`;
const STATE = process.env.WHARF_TEST_STATE_DIR ?? "/run/wharf-test";
const tlsScript = path.resolve("scripts/services/tls-engine.sh");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-hosts-"));
let server: WharfServer;
let admin: ApiClient;
let startedTls = false;
const closers: (() => void)[] = [];

const pem = (f: string) => fs.readFileSync(path.join(STATE, "tls", f), "utf8");
const hostNames = async () =>
  ((await admin.get("/hosts")).body.items as { name: string }[]).map((h) => h.name);

async function refused(body: object, reason: RegExp) {
  const res = await admin.post("/hosts", body);
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.fields.url ?? res.body.error.fields.tls ?? res.body.error.message).toMatch(reason);
  expect(await hostNames()).not.toContain((body as { name: string }).name);
  return res.body.error as { message: string; fields: Record<string, string> };
}

beforeAll(async () => {
  try {
    execFileSync("bash", [tlsScript, "status"], { stdio: "ignore" });
  } catch {
    execFileSync("bash", [tlsScript, "start"], { stdio: "inherit" });
    startedTls = true;
  }
  server = await startWharfServer();
  admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
}, 180_000);

afterAll(async () => {
  for (const close of closers) close();
  await server?.stop();
  if (startedTls) execFileSync("bash", [tlsScript, "stop"], { stdio: "inherit" });
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("adding hosts", () => {
  it("adds a TCP+TLS engine with client certificates, shows its engine info and follows it", async () => {
    const res = await admin.post("/hosts", {
      name: `tls-${uniq}`,
      url: "tcp://127.0.0.1:2376",
      tls: { ca: pem("ca.pem"), cert: pem("cert.pem"), key: pem("key.pem") },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.engine).toMatchObject({
      apiVersion: expect.stringMatching(/^1\./),
      cpus: expect.any(Number),
      os: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toContain("PRIVATE KEY");
    await until(
      "tls host up",
      async () => (await admin.get(`/hosts/${res.body.id}`)).body.status.state === "up",
    );
    expect((await admin.get(`/containers?host=${res.body.id}`)).status).toBe(200);
    // Quiet for two intervals: only the watchdog's pings, answered over TLS, keep it up.
    await sleep(2 * WATCHDOG_INTERVAL_MS + 1_000);
    expect((await admin.get(`/hosts/${res.body.id}`)).body.status.state).toBe("up");
  });

  it("refuses a TLS engine presented with the wrong CA", async () => {
    const otherCa = selfSignedCert(fs.mkdtempSync(path.join(tmp, "other-ca-")), { cn: "other-ca", ec: true });
    const err = await refused(
      {
        name: `badca-${uniq}`,
        url: "tcp://127.0.0.1:2376",
        tls: {
          ca: fs.readFileSync(otherCa.certFile, "utf8"),
          cert: pem("cert.pem"),
          key: pem("key.pem"),
        },
      },
      /TLS error/,
    );
    expect(err.message).toMatch(/^url: cannot add host/);
  });

  it("refuses URLs that are not unix:// or tcp://, and tcp:// without certificates", async () => {
    for (const url of [
      "http://127.0.0.1:2375",
      "ssh://root@127.0.0.1",
      "/var/run/docker.sock",
      "unix://relative.sock",
    ]) {
      const res = await admin.post("/hosts", { name: `bad-${uniq}`, url });
      expect(res.status, url).toBe(422);
      expect(res.body.error.fields.url, url).toMatch(/unix:\/\/\/path|tcp:\/\//);
    }
    const res = await admin.post("/hosts", { name: `notls-${uniq}`, url: "tcp://127.0.0.1:2376" });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.tls).toMatch(/required/);
    expect(await hostNames()).not.toContain(`bad-${uniq}`);
  });

  it("refuses a server that is not a Docker engine", async () => {
    const sock = path.join(tmp, "web.sock");
    const web = http.createServer((_req, res) =>
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>hello</h1>"),
    );
    await new Promise<void>((r) => web.listen(sock, r));
    closers.push(() => web.close());
    await refused({ name: `web-${uniq}`, url: `unix://${sock}` }, /not a Docker engine/);
  });

  it("refuses an engine that does not answer in time, one that refuses, and a missing socket", async () => {
    const sock = path.join(tmp, "silent.sock");
    const silent = net.createServer(() => {}); // accepts, never answers
    await new Promise<void>((r) => silent.listen(sock, r));
    closers.push(() => silent.close());
    const started = Date.now();
    await refused({ name: `silent-${uniq}`, url: `unix://${sock}` }, /timed out/);
    expect(Date.now() - started).toBeLessThan(15_000);
    await refused(
      {
        name: `refused-${uniq}`,
        url: "tcp://127.0.0.1:1",
        tls: { ca: pem("ca.pem"), cert: pem("cert.pem"), key: pem("key.pem") },
      },
      /refused/,
    );
    await refused({ name: `missing-${uniq}`, url: `unix://${tmp}/nope.sock` }, /no such socket/);
  });

  it("adds several hosts in one request, all or none, naming the index of a bad one", async () => {
    const sock = path.join(tmp, "web-bulk.sock");
    const web = http.createServer((_req, res) => res.writeHead(404).end("no"));
    await new Promise<void>((r) => web.listen(sock, r));
    closers.push(() => web.close());
    const h2 = { name: `bulk-h2-${uniq}`, url: "unix:///run/docker-h2.sock" };
    const tls = {
      name: `bulk-tls-${uniq}`,
      url: "tcp://127.0.0.1:2376",
      tls: { ca: pem("ca.pem"), cert: pem("cert.pem"), key: pem("key.pem") },
    };
    const bad = await admin.post("/hosts/bulk", {
      hosts: [h2, { name: `bulk-web-${uniq}`, url: `unix://${sock}` }],
    });
    expect(bad.status, JSON.stringify(bad.body)).toBe(422);
    expect(bad.body.error.fields["hosts.1.url"]).toMatch(/not a Docker engine/);
    const twice = await admin.post("/hosts/bulk", { hosts: [h2, h2] });
    expect(twice.status).toBe(422);
    expect(twice.body.error.fields["hosts.1.name"]).toMatch(/twice/);
    expect((await admin.post("/hosts/bulk", { hosts: [] })).status).toBe(422);
    expect(await hostNames()).not.toContain(h2.name); // a refused batch adds none, not even its good hosts

    const res = await admin.post("/hosts/bulk", { hosts: [h2, tls] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.items.map((h: { name: string }) => h.name)).toEqual([h2.name, tls.name]);
    expect(JSON.stringify(res.body)).not.toContain("PRIVATE KEY");
    for (const h of res.body.items as { id: string }[])
      await until("bulk host up", async () => (await admin.get(`/hosts/${h.id}`)).body.status.state === "up");
    const again = await admin.post("/hosts/bulk", { hosts: [{ ...h2, name: `bulk-new-${uniq}` }, tls] });
    expect(again.status).toBe(409);
    expect(again.body.error.fields["hosts.1.name"]).toMatch(/taken/);
    expect(await hostNames()).not.toContain(`bulk-new-${uniq}`);
    for (const h of res.body.items as { id: string }[])
      expect((await admin.delete(`/hosts/${h.id}`)).status).toBe(204);
  });

  it("lets only admins add, rename, label and remove hosts", async () => {
    const ops = (await createUserClient(admin, `ops-${uniq}@wharf.test`, { globalRole: "ops" })).client;
    expect(
      (await ops.post("/hosts", { name: `ops-${uniq}`, url: "unix:///var/run/docker.sock" })).status,
    ).toBe(403);
    expect(
      (
        await ops.post("/hosts/bulk", {
          hosts: [{ name: `ops-${uniq}`, url: "unix:///var/run/docker.sock" }],
        })
      ).status,
    ).toBe(403);
    const local = (await admin.get("/hosts")).body.items.find((h: { name: string }) => h.name === "local");
    expect((await ops.patch(`/hosts/${local.id}`, { name: "x" })).status).toBe(403);
    const renamed = await admin.patch(`/hosts/${local.id}`, { name: `local-${uniq}`, labels: { zone: "a" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: `local-${uniq}`,
      labels: { zone: "a" },
      status: { state: "up" },
    });
    const page = (await admin.get(`/containers?host=${local.id}&limit=1`)).body;
    if (page.items.length) expect(page.hosts[local.id].name).toBe(`local-${uniq}`);
    expect((await admin.patch(`/hosts/${local.id}`, { name: "local" })).status).toBe(200);
  });
});
