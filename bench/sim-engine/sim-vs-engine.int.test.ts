// Checks the simulator against the real dockerd for the same state: one running, labelled
// container with a published port on both. Compares key sets and value types of the answers
// a console reads (list, inspect, /info, /version, one event, ping headers, 404 body).
import { readFileSync } from "node:fs";
import http from "node:http";
import { Readable } from "node:stream";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContainer, startContainer } from "./lifecycle";
import { quietSimulator } from "./test-simulator";
import type { Simulator } from "./index";

const REAL_SOCK = "/var/run/docker.sock";
const IMAGE = "wharf-sim-check:latest";
const NAME = `wharf-sim-check-${process.pid}`;
const LABELS = {
  "wharf.app": "t1-p0-app0",
  "wharf.project": "t1-p0",
  "wharf.service": "web",
  "wharf.tenant": "t1",
};
const CMD = ["/bin/busybox", "sleep", "300"];

/** Minimal ustar archive (files only): enough for a build context, no dependency needed. */
function tar(files: Array<{ name: string; data: Buffer; mode: number }>): Buffer {
  const blocks: Buffer[] = [];
  for (const f of files) {
    const h = Buffer.alloc(512);
    const put = (s: string, off: number, len: number) => h.write(s.slice(0, len), off, "ascii");
    const oct = (n: number, len: number) => n.toString(8).padStart(len - 1, "0");
    put(f.name, 0, 100);
    put(oct(f.mode, 8), 100, 8);
    put(oct(0, 8), 108, 8);
    put(oct(0, 8), 116, 8);
    put(oct(f.data.length, 12), 124, 12);
    put(oct(Math.floor(Date.now() / 1000), 12), 136, 12);
    put("        ", 148, 8); // checksum is computed with its own field as spaces
    put("0", 156, 1);
    put("ustar\u000000", 257, 8);
    let sum = 0;
    for (const b of h) sum += b;
    put(`${sum.toString(8).padStart(6, "0")}\u0000 `, 148, 8);
    blocks.push(h, f.data, Buffer.alloc((512 - (f.data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

function getRaw(
  socketPath: string,
  p: string,
  method = "GET",
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .request({ socketPath, path: p, method }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      })
      .on("error", reject)
      .end();
  });
}

const getJson = async (sock: string, p: string) => JSON.parse((await getRaw(sock, p)).body);

/** Type tree: objects keep their keys, arrays the shape of their first element. */
function shape(v: unknown): unknown {
  if (v === null) return "null";
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (typeof v === "object")
    return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, shape(x)]));
  return typeof v;
}

const typesOf = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, shape(o[k])]));

/** Go encodes nil slices as null: treat null and arrays as one kind for loose comparisons. */
const kindsOf = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k] === null || Array.isArray(o[k]) ? "array|null" : typeof o[k]]));

let real: Docker;
let sim: Simulator;
let simSock: string;
let realId = "";
let t0 = 0;

beforeAll(async () => {
  real = new Docker({ socketPath: REAL_SOCK });
  const dockerfile = `FROM scratch\nCOPY busybox /bin/busybox\nCMD ["/bin/busybox","sleep","3600"]\n`;
  const context = tar([
    { name: "Dockerfile", data: Buffer.from(dockerfile), mode: 0o644 },
    { name: "busybox", data: readFileSync("/bin/busybox"), mode: 0o755 },
  ]);
  const build = await real.buildImage(Readable.from([context]), { t: IMAGE });
  const out = await new Promise<Array<{ error?: string }>>((resolve, reject) =>
    real.modem.followProgress(build, (err, res) => (err ? reject(err) : resolve(res))),
  );
  const failed = out.find((m) => m.error);
  if (failed) throw new Error(`image build failed: ${failed.error}`);

  t0 = Date.now() / 1000 - 1;
  const created = await real.createContainer({
    name: NAME,
    Image: IMAGE,
    Cmd: CMD,
    Labels: LABELS,
    ExposedPorts: { "80/tcp": {} },
    HostConfig: { PortBindings: { "80/tcp": [{ HostPort: "" }] } },
  });
  realId = created.id;
  await created.start();

  sim = await quietSimulator({ engines: 1, containersPerEngine: 0, seed: 1 }, "wharf-sim-int-");
  simSock = sim.endpoints[0].replace("unix://", "");
  const engine = sim.engines[0];
  const c = createContainer(engine, {
    name: NAME,
    image: IMAGE,
    cmd: CMD,
    labels: LABELS,
    ports: [{ priv: 80, pub: 0, type: "tcp" }],
  });
  startContainer(engine, c);
});

afterAll(async () => {
  await sim?.stop();
  if (realId) await real.getContainer(realId).remove({ force: true });
  await real
    .getImage(IMAGE)
    .remove({ force: true })
    .catch(() => undefined);
});

describe("simulator vs real dockerd", () => {
  it("/_ping headers and body", async () => {
    const [r, s] = await Promise.all([getRaw(REAL_SOCK, "/_ping"), getRaw(simSock, "/_ping")]);
    for (const h of ["api-version", "docker-experimental", "ostype", "content-type", "cache-control"])
      expect([h, s.headers[h]]).toEqual([h, r.headers[h]]);
    expect(s.body).toBe(r.body);
    const [rh, sh] = await Promise.all([
      getRaw(REAL_SOCK, "/_ping", "HEAD"),
      getRaw(simSock, "/_ping", "HEAD"),
    ]);
    expect([sh.status, sh.headers["api-version"]]).toEqual([rh.status, rh.headers["api-version"]]);
  });

  it("/containers/json entries: same keys, types and key values", async () => {
    const q = `/v1.41/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ name: [`^/${NAME}$`], label: ["wharf.tenant=t1"] }))}`;
    const [[r], [s]] = await Promise.all([getJson(REAL_SOCK, q), getJson(simSock, q)]);
    expect(Object.keys(s)).toEqual(Object.keys(r));
    expect(shape(s)).toEqual(shape(r));
    for (const k of ["Names", "Image", "Command", "Labels", "State", "HostConfig", "Mounts"])
      expect([k, s[k]]).toEqual([k, r[k]]);
    expect(s.Status).toMatch(/^Up /);
    expect(r.Status).toMatch(/^Up /);
    const ports = (e: { Ports: Array<{ IP: string; PrivatePort: number; Type: string }> }) =>
      e.Ports.map((p) => `${p.IP}:${p.PrivatePort}/${p.Type}`).sort();
    expect(ports(s)).toEqual(ports(r));
    // Filters agree too: the real and simulated lists answer the same label/status queries.
    for (const f of [
      { label: ["wharf.tenant"] },
      { label: ["wharf.tenant=t2"] },
      { status: ["running"], label: ["wharf.service=web"] },
    ]) {
      const fq = `/containers/json?filters=${encodeURIComponent(JSON.stringify({ ...f, name: [`^/${NAME}$`] }))}`;
      const [rl, sl] = await Promise.all([getJson(REAL_SOCK, fq), getJson(simSock, fq)]);
      expect([f, sl.length]).toEqual([f, rl.length]);
    }
  });

  it("inspect: same top-level keys; same types for the fields Wharf reads", async () => {
    const [r, s] = await Promise.all([
      getJson(REAL_SOCK, `/containers/${NAME}/json`),
      getJson(simSock, `/containers/${NAME}/json`),
    ]);
    expect(Object.keys(s).sort()).toEqual(Object.keys(r).sort());
    expect(typesOf(s, Object.keys(r))).toMatchObject(
      typesOf(r, ["Id", "Created", "Path", "Args", "State", "Image", "Name", "RestartCount", "Mounts"]),
    );
    expect(shape(s.State)).toEqual(shape(r.State));
    expect(typesOf(s.Config, ["Image", "Labels", "Env", "Cmd", "Hostname", "ExposedPorts"])).toEqual(
      typesOf(r.Config, ["Image", "Labels", "Env", "Cmd", "Hostname", "ExposedPorts"]),
    );
    expect(shape(s.NetworkSettings.Networks)).toEqual(shape(r.NetworkSettings.Networks));
    expect(shape(s.NetworkSettings.Ports)).toEqual(shape(r.NetworkSettings.Ports));
    expect(typeof s.HostConfig.NetworkMode).toBe(typeof r.HostConfig.NetworkMode);
    expect([s.Name, s.State.Status, s.State.Running, s.Config.Labels, s.Config.Cmd, s.Config.Image]).toEqual([
      r.Name,
      r.State.Status,
      r.State.Running,
      r.Config.Labels,
      r.Config.Cmd,
      r.Config.Image,
    ]);
    const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/;
    for (const v of [s.Created, s.State.StartedAt, s.State.FinishedAt]) expect(v).toMatch(rfc3339);
    const [rm, sm] = await Promise.all([
      getRaw(REAL_SOCK, "/containers/nope-x/json"),
      getRaw(simSock, "/containers/nope-x/json"),
    ]);
    expect([sm.status, JSON.parse(sm.body)]).toEqual([rm.status, JSON.parse(rm.body)]);
  });

  it("/info and /version: same keys and types", async () => {
    const [realInfo, si] = await Promise.all([getJson(REAL_SOCK, "/info"), getJson(simSock, "/info")]);
    // Keys an engine shows only when its daemon is configured so (the suite's engine sets its address pools,
    // scripts/services/dockerd.sh); the simulator stands for an engine with the defaults.
    const ri = Object.fromEntries(Object.entries(realInfo).filter(([k]) => k !== "DefaultAddressPools"));
    expect(Object.keys(si).sort()).toEqual(Object.keys(ri).sort());
    const used = [
      "ID",
      "Name",
      "Containers",
      "ContainersRunning",
      "ContainersPaused",
      "ContainersStopped",
      "Images",
      "ServerVersion",
      "OperatingSystem",
      "OSType",
      "Architecture",
      "NCPU",
      "MemTotal",
      "NEventsListener",
      "SystemTime",
    ];
    expect(typesOf(si, used)).toEqual(typesOf(ri, used));
    // The shared engine may be in swarm mode (other suites use it): compare the fields every state has.
    const swarm = ["NodeID", "NodeAddr", "LocalNodeState", "ControlAvailable", "Error"];
    expect(typesOf(si.Swarm, swarm)).toEqual(typesOf(realInfo.Swarm, swarm));
    expect(si.Swarm).toMatchObject({ LocalNodeState: "inactive", ControlAvailable: false, NodeID: "" });
    expect(kindsOf(si, Object.keys(ri))).toEqual(kindsOf(ri, Object.keys(ri)));
    const [rv, sv] = await Promise.all([getJson(REAL_SOCK, "/version"), getJson(simSock, "/version")]);
    expect(Object.keys(sv)).toEqual(Object.keys(rv));
    expect(shape(sv)).toEqual(shape(rv));
    expect(sv.ApiVersion).toBe(rv.ApiVersion);
  });

  it("one /events message: same keys, types, attributes and integer timeNano", async () => {
    const q = (id: string) =>
      `/events?since=${t0.toFixed(6)}&until=${(Date.now() / 1000).toFixed(9)}&filters=${encodeURIComponent(JSON.stringify({ type: ["container"], event: ["start"], container: [id] }))}`;
    const simId = sim.engines[0].state.containers[0].id;
    const [r, s] = await Promise.all([getRaw(REAL_SOCK, q(realId)), getRaw(simSock, q(simId))]);
    expect(s.headers["content-type"]).toBe(r.headers["content-type"]);
    expect(s.headers["transfer-encoding"]).toBe(r.headers["transfer-encoding"]);
    const [rl, sl] = [r.body.trim().split("\n"), s.body.trim().split("\n")];
    expect([rl.length, sl.length]).toEqual([1, 1]);
    const [re, se] = [JSON.parse(rl[0]), JSON.parse(sl[0])];
    expect(Object.keys(se)).toEqual(Object.keys(re));
    expect(shape(se)).toEqual(shape(re));
    expect(Object.keys(se.Actor.Attributes)).toEqual(Object.keys(re.Actor.Attributes));
    expect([se.status, se.Action, se.Type, se.from, se.scope, se.Actor.Attributes]).toEqual([
      re.status,
      re.Action,
      re.Type,
      re.from,
      re.scope,
      re.Actor.Attributes,
    ]);
    for (const line of [rl[0], sl[0]]) expect(line).toMatch(/"time":\d{10},"timeNano":\d{19}}$/);
    // Through dockerode too, as Wharf reads it.
    const stream = await new Docker({ socketPath: simSock }).getEvents({
      since: Math.floor(t0),
      until: Math.ceil(Date.now() / 1000),
    });
    let text = "";
    for await (const chunk of stream as AsyncIterable<Buffer>) text += chunk.toString();
    expect(
      text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).Action),
    ).toEqual(["create", "start"]);
  });
});
