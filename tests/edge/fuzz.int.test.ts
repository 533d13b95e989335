// Fuzzes every operation in the OpenAPI document, signed in as a developer and as an admin: bad bodies (empty,
// truncated, huge, wrongly typed, deeply nested, cyclic YAML), bad multipart, bad path and query values. No answer
// may be a 5xx (or a reset/timeout), and every operation must answer something other than 401/403/404 at least
// once — else it was not really fuzzed. Prints a per-route histogram of statuses.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BAD_PATH_VALUES,
  BAD_QUERY_VALUES,
  bodyVariants,
  MULTIPART_VARIANTS,
  type BodyVariant,
  type JsonSchema,
} from "./fuzz-inputs";
import { rawRequest } from "./raw-http";
import { ApiClient, createUserClient } from "../helpers/api-client";
import { readEnvFile, STATE_DIR } from "../helpers/env-file";
import { documentOperations } from "../helpers/openapi-operations";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";

type Op = {
  method: string;
  path: string;
  base: string;
  body?: JsonSchema;
  query: string[];
};
type Status = number | "timeout" | "reset";
type DocumentOp = {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: { in: string; name: string }[];
};

const engine = new Docker({ socketPath: "/var/run/docker.sock" });
let server: WharfServer;
let admin: ApiClient;
let dev: ApiClient;
const ops: Op[] = [];
let ids: Record<string, string> = {};
let throwaway: Record<string, string> = {};
let containerId = "";
const histogram = new Map<string, Map<string, number>>();

const uniq = (p: string) => `${p}-${Date.now().toString(36)}`;

async function must(res: ReturnType<ApiClient["get"]>, what: string) {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

beforeAll(async () => {
  server = await startWharfServer();
  admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
  const doc = (await admin.get("/openapi.json")).body;
  for (const { method, path, base, op } of documentOperations<DocumentOp>(doc))
    ops.push({
      method: method.toUpperCase(),
      path,
      base,
      body: op.requestBody?.content?.["application/json"]?.schema,
      query: (op.parameters ?? []).filter((x) => x.in === "query").map((x) => x.name),
    });

  const hosts = (await admin.get("/hosts")).body.items as { id: string; name: string }[];
  const hostId = hosts.find((h) => h.name === "local")!.id;
  const tenant = await must(admin.post("/tenants", { name: uniq("Fuzz") }), "tenant");
  await must(admin.put(`/hosts/${hostId}/grants`, { tenantIds: [tenant.id] }), "grant");
  const d = await createUserClient(admin, `${uniq("fuzzdev")}@wharf.test`, {
    memberships: [{ tenantId: tenant.id, role: "developer" }],
  });
  dev = d.client;
  const project = await must(dev.post("/projects", { tenantId: tenant.id, name: "Fuzzed" }), "project");
  const app = await must(dev.post(`/projects/${project.id}/apps`, { name: "fuzzapp", hostId }), "app");
  // A webhook needs a reachable repository: a local one, which only an admin may name.
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-fuzz-repo-"));
  const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { stdio: "ignore" });
  git("init", "-q", "-b", "main");
  fs.writeFileSync(path.join(repo, "Dockerfile"), "FROM busybox:latest\n");
  git("add", "Dockerfile");
  git("-c", "user.email=f@wharf.test", "-c", "user.name=fuzz", "commit", "-qm", "one");
  await must(admin.put(`/hooks/${app.app.id}`, { git: { url: repo, ref: "main" } }), "hook");
  const build = await must(
    dev.post("/builds", {
      sourceType: "inline",
      projectId: project.id,
      hostId,
      inline: { dockerfile: "FROM busybox:latest\n" },
    }),
    "build",
  );
  const token = await must(dev.post("/tokens", { name: "fuzz" }), "token");
  const nodes = (await admin.get(`/swarm/nodes?hostId=${hostId}`)).body?.items ?? [];
  // StopTimeout 1: `sleep` ignores SIGTERM, and stop/restart would wait the default 10 s each.
  const c = await engine.createContainer({
    StopTimeout: 1,
    Image: "busybox:latest",
    Cmd: ["sleep", "600"],
    name: uniq("fuzz"),
  });
  await c.start();
  containerId = c.id;
  ids = {
    "/apps/{id}": app.app.id,
    "/projects/{id}": project.id,
    "/tenants/{id}": tenant.id,
    "/users/{id}": d.user.id,
    "/hosts/{id}": hostId,
    "/builds/{id}": build.id,
    "/tokens/{id}": token.id,
    "/hooks/{appId}": app.app.id,
    "/containers/{id}": containerId,
    "/swarm/nodes/{id}": nodes[0]?.id ?? "none",
    "{service}": "web",
    "{number}": "1",
    "{imageId}": "sha256:0000000000000000000000000000000000000000000000000000000000000000",
  };

  // Objects only the admin's DELETEs use, so the fuzz of every other route keeps its fixtures.
  const t2 = await must(admin.post("/tenants", { name: uniq("Gone") }), "tenant 2");
  const p2 = await must(dev.post("/projects", { tenantId: tenant.id, name: "Gone" }), "project 2");
  const a2 = await must(dev.post(`/projects/${project.id}/apps`, { name: "goneapp", hostId }), "app 2");
  const tk2 = await must(admin.post("/tokens", { name: "gone" }), "token 2");
  const h2 = await must(
    admin.post("/hosts", { name: uniq("gone"), url: "unix:///run/docker-h2.sock" }),
    "host 2",
  );
  const c2 = await engine.createContainer({
    StopTimeout: 1,
    Image: "busybox:latest",
    Cmd: ["sleep", "600"],
    name: uniq("gone"),
  });
  throwaway = {
    "/tenants/{id}": t2.id,
    "/projects/{id}": p2.id,
    "/apps/{id}": a2.app.id,
    "/tokens/{id}": tk2.id,
    "/hosts/{id}": h2.id,
    "/containers/{id}": c2.id,
  };
  const regEnv = path.join(STATE_DIR, "registry.env");
  if (fs.existsSync(regEnv)) {
    const env = readEnvFile(regEnv);
    const reg = await dev.post("/registries", {
      tenantId: tenant.id,
      name: "Gone",
      url: env.REGISTRY_ADDR ?? "127.0.0.1:5000",
      username: env.REGISTRY_USER,
      password: env.REGISTRY_PASSWORD,
    });
    if (reg.status === 201) throwaway["/registries/{id}"] = ids["/registries/{id}"] = reg.body.id;
  }
}, 240_000);

afterAll(async () => {
  for (const id of [containerId, throwaway["/containers/{id}"]])
    if (id)
      await engine
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined);
  await server?.stop();
});

/** The path with real ids (the longest matching prefix wins), or `bad` in place of the param at `badIndex`. */
function fill(op: Op, table: Record<string, string>, bad?: { index: number; value: string }): string {
  let i = 0;
  return op.path.replace(/\{(\w+)\}/g, (whole, _name, offset: number) => {
    const index = i++;
    if (bad && bad.index === index) return bad.value;
    const prefix = op.path.slice(0, offset) + whole;
    const key = Object.keys(table)
      .filter((k) => prefix.endsWith(k))
      .sort((a, b) => b.length - a.length)[0];
    return encodeURIComponent((key && table[key]) ?? ids[whole] ?? "none");
  });
}

function record(op: Op, status: Status) {
  const key = `${op.method} ${op.path}`;
  const h = histogram.get(key) ?? new Map<string, number>();
  h.set(String(status), (h.get(String(status)) ?? 0) + 1);
  histogram.set(key, h);
}

const failures: string[] = [];

async function send(client: ApiClient, op: Op, url: string, v?: BodyVariant) {
  const headers: Record<string, string> = { origin: server.baseUrl };
  // Signing out would end the fuzzing client's session: DELETE /session goes without credentials.
  if (client.cookie && !(op.path === "/session")) headers.cookie = client.cookie;
  if (v?.type) headers["content-type"] = v.type;
  const res = await rawRequest(server.baseUrl, {
    method: op.method,
    path: `${op.base}${url}`,
    headers,
    body: v?.body,
    declaredLength: v?.declaredLength,
    chunks: v?.chunks,
  });
  record(op, res.status);
  if (res.status === "timeout" || res.status === "reset" || res.status >= 500)
    failures.push(
      `${op.method} ${url.slice(0, 120)} [${v?.name ?? "no body"}] → ${res.status} ${res.body.slice(0, 200)}`,
    );
}

/** The console is a WebSocket: the status line answering a raw handshake is the status (101 when it opened). */
function sendUpgrade(client: ApiClient, op: Op, url: string): Promise<void> {
  const { hostname, port } = new URL(server.baseUrl);
  return new Promise((resolve) => {
    let data = "";
    let settled = false;
    const done = (status: Status) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      record(op, status);
      if (typeof status !== "number" || status >= 500) failures.push(`WS ${url.slice(0, 120)} → ${status}`);
      sock.destroy();
      resolve();
    };
    const sock = net.connect(Number(port), hostname, () =>
      sock.write(
        `GET ${op.base}${url} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nOrigin: ${server.baseUrl}\r\n` +
          `Cookie: ${client.cookie}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
      ),
    );
    sock.on("data", (d: Buffer) => {
      data += d.toString("latin1");
      const m = /^HTTP\/1\.1 (\d{3})/.exec(data);
      if (m) done(Number(m[1]));
    });
    sock.on("close", () => done("reset"));
    sock.on("error", () => done("reset"));
    const timer = setTimeout(() => done("timeout"), 15_000);
  });
}

/** Runs `tasks` four at a time. */
async function pool(tasks: (() => Promise<void>)[]) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

function tasksFor(client: ApiClient, op: Op, table: Record<string, string>): (() => Promise<void>)[] {
  const isExec = op.path.endsWith("/exec");
  const tasks: (() => Promise<void>)[] = [];
  const paramCount = (op.path.match(/\{/g) ?? []).length;
  const go = (url: string, v?: BodyVariant) => () =>
    isExec ? sendUpgrade(client, op, url) : send(client, op, url, v);
  for (let index = 0; index < paramCount; index++)
    for (const value of BAD_PATH_VALUES) tasks.push(go(fill(op, table, { index, value })));
  const url = fill(op, table);
  for (const q of op.query)
    for (const value of BAD_QUERY_VALUES)
      tasks.push(go(`${url}?${q}=${value}${isExec ? "" : `&${q}=twice`}`));
  if (isExec) tasks.push(go(`${url}?cmd=`), go(`${url}?cmd=sh&cols=0`), go(`${url}?cmd=${"x".repeat(9000)}`));
  if (op.method === "GET" || op.method === "DELETE") {
    tasks.push(go(url));
    return tasks;
  }
  // Pruning with an empty body is a real prune of the shared engine's images: only broken bodies here.
  const noEmpty = op.path.endsWith("/prune");
  for (const v of bodyVariants(op.body, { noEmpty })) tasks.push(go(url, v));
  if (op.path === "/builds" && op.method === "POST")
    for (const v of MULTIPART_VARIANTS) tasks.push(go(url, v));
  return tasks;
}

describe("fuzzing every operation in the OpenAPI document", () => {
  it("never answers 5xx, and every operation answers something besides 401/403/404", async () => {
    const started = Date.now();
    const mutations = (o: Op) => o.method !== "DELETE";
    for (const client of [admin, dev])
      for (const op of ops.filter(mutations)) await pool(tasksFor(client, op, ids));
    // DELETEs last: the developer's with the shared fixtures, the admin's on objects made for it.
    for (const op of ops.filter((o) => !mutations(o))) await pool(tasksFor(dev, op, ids));
    for (const op of ops.filter((o) => !mutations(o)))
      await pool(tasksFor(admin, op, { ...ids, ...throwaway }));

    const lines: string[] = [];
    const notFuzzed: string[] = [];
    let total = 0;
    for (const op of ops) {
      const key = `${op.method} ${op.path}`;
      const h = histogram.get(key) ?? new Map();
      const counts = [...h.entries()].sort().map(([s, n]) => `${s}×${n}`);
      total += [...h.values()].reduce((a, b) => a + b, 0);
      lines.push(`${key.padEnd(46)} ${counts.join(" ")}`);
      if ([...h.keys()].every((s) => ["401", "403", "404"].includes(s))) notFuzzed.push(key);
    }
    console.log(
      `fuzz: ${ops.length} operations, ${total} requests in ${Math.round((Date.now() - started) / 1000)} s\n${lines.join("\n")}`,
    );
    expect(failures, failures.join("\n")).toEqual([]);
    expect(notFuzzed, `only 401/403/404: ${notFuzzed.join(", ")}`).toEqual([]);
  }, 900_000);
});
