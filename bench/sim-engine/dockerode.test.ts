// The real client code path: unchanged dockerode reading the simulator (unix socket and TCP).
import http from "node:http";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "./index";
import { quietSimulator } from "./test-simulator";

let sim: Simulator;
let docker: Docker;

beforeAll(async () => {
  sim = await quietSimulator({ engines: 3, containersPerEngine: 40, seed: 7 }, "wharf-sim-test-");
  docker = new Docker({ socketPath: sim.endpoints[0].replace("unix://", "") });
});

afterAll(() => sim.stop());

function raw(
  socketPath: string,
  method: string,
  p: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path: p }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Collects parsed events from a dockerode events stream until `n` arrive. */
function collect(
  stream: NodeJS.ReadableStream,
  n: number,
): Promise<Array<{ Action: string; id: string; timeNano: number }>> {
  return new Promise((resolve, reject) => {
    const out: Array<{ Action: string; id: string; timeNano: number }> = [];
    let buf = "";
    stream.on("data", (d: Buffer) => {
      buf += d.toString("utf8");
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const ev = JSON.parse(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if (out.length >= n) continue;
        out.push(ev);
        if (out.length === n) resolve(out);
      }
    });
    stream.on("error", reject);
  });
}

describe("dockerode against the simulator", () => {
  it("pings, and serves /version and /info", async () => {
    expect(String(await docker.ping())).toBe("OK");
    const version = await docker.version();
    expect(version.ApiVersion).toBe("1.41");
    const info = await docker.info();
    expect(info.Containers).toBe(40);
    expect(info.ContainersRunning + info.ContainersPaused + info.ContainersStopped).toBe(40);
    expect(info.Swarm).toMatchObject({ LocalNodeState: "inactive", ControlAvailable: false, NodeID: "" });
    const head = await raw(sim.endpoints[0].replace("unix://", ""), "HEAD", "/_ping");
    expect([head.status, head.headers["api-version"], head.headers["ostype"], head.body]).toEqual([
      200,
      "1.41",
      "linux",
      "",
    ]);
  });

  it("lists with a label filter and inspects by id, name and prefix", async () => {
    const list = await docker.listContainers({ all: true, filters: { label: ["wharf.tenant"] } });
    const expected = sim.engines[0].state.containers.filter((c) => c.labels["wharf.tenant"]);
    expect(list.map((c) => c.Id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(list.every((c) => c.Labels["wharf.tenant"]?.startsWith("t"))).toBe(true);
    // Newest first, like the engine.
    expect(list.map((c) => c.Created)).toEqual([...list.map((c) => c.Created)].sort((a, b) => b - a));
    const running = await docker.listContainers();
    expect(running.every((c) => c.State === "running" && c.Status.startsWith("Up "))).toBe(true);

    const first = list[0];
    const byId = await docker.getContainer(first.Id).inspect();
    expect(byId.Id).toBe(first.Id);
    expect(byId.Name).toBe(first.Names[0]);
    expect(byId.State.Status).toBe(first.State);
    expect(byId.Config.Labels).toEqual(first.Labels);
    expect((await docker.getContainer(first.Names[0].slice(1)).inspect()).Id).toBe(first.Id);
    expect((await docker.getContainer(first.Id.slice(0, 12)).inspect()).Id).toBe(first.Id);
    await expect(docker.getContainer("nope").inspect()).rejects.toMatchObject({
      statusCode: 404,
      json: { message: "No such container: nope" },
    });
  });

  it("accepts a versioned client and TCP endpoints", async () => {
    const versioned = new Docker({ socketPath: sim.endpoints[1].replace("unix://", ""), version: "v1.41" });
    expect((await versioned.info()).Name).toBe("sim-engine-1");
    await expect(
      new Docker({ socketPath: sim.endpoints[1].replace("unix://", ""), version: "v1.99" }).info(),
    ).rejects.toMatchObject({ statusCode: 400 });
    const tcp = await startSimulator({
      engines: 2,
      containersPerEngine: 5,
      eventsPerSecond: 0,
      seed: 7,
      basePort: 0,
    });
    try {
      const url = new URL(tcp.endpoints[1].replace("tcp://", "http://"));
      const client = new Docker({ host: url.hostname, port: Number(url.port), protocol: "http" });
      expect((await client.listContainers({ all: true })).length).toBe(5);
      expect((await raw(sim.endpoints[0].replace("unix://", ""), "GET", "/nope")).body).toBe(
        '{"message":"page not found"}\n',
      );
    } finally {
      await tcp.stop();
    }
  });

  it("streams events, replays since, and a re-list after each event agrees", async () => {
    const engine = sim.engines[2];
    const d2 = new Docker({ socketPath: sim.endpoints[2].replace("unix://", "") });
    const since = Math.floor(Date.now() / 1000) - 1;
    // Emit a few before subscribing: they must come back from the ring via `since`.
    const before = engine.bus.emitted;
    while (engine.bus.emitted - before < 3) sim.driver.steps(3);
    const replayed = engine.bus.emitted - before;
    const stream = await d2.getEvents({ since, filters: { type: ["container"] } });
    const live = collect(stream, replayed + 20);
    // Drive transitions one at a time; after each event, the list must already reflect it.
    for (let i = 0; engine.bus.emitted - before < replayed + 20 && i < 10_000; i++) {
      const n = engine.bus.emitted;
      sim.driver.steps(1);
      if (engine.bus.emitted === n) continue;
      const last = [...engine.bus.all()].at(-1)!;
      const list = await d2.listContainers({ all: true, filters: { id: [last.c.id] } });
      const want = {
        start: "running",
        die: "exited",
        stop: "exited",
        create: "created",
        destroy: undefined,
        kill: "running",
      }[last.action];
      expect(list[0]?.State).toBe(want);
    }
    const got = await live;
    expect(sim.stats().subscribers).toBe(1);
    (stream as unknown as { destroy(): void }).destroy();
    // A client hanging up must unsubscribe its stream (no writes to dead sockets, no leak).
    for (let i = 0; i < 50 && sim.stats().subscribers > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(sim.stats().subscribers).toBe(0);
    expect(got.length).toBe(replayed + 20);
    for (const ev of got) {
      expect(Number.isInteger(ev.timeNano)).toBe(true);
      expect(["create", "start", "die", "stop", "destroy"]).toContain(ev.Action);
    }
    expect(got.map((e) => e.timeNano)).toEqual([...got.map((e) => e.timeNano)].sort((a, b) => a - b));
  });

  it("ends a stream at `until` and replays with fractional since", async () => {
    const sock = sim.endpoints[0].replace("unix://", "");
    const now = Date.now() / 1000;
    const res = await raw(
      sock,
      "GET",
      `/events?since=${(now - 3600).toFixed(6)}&until=${(now + 0.3).toFixed(6)}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers["transfer-encoding"]).toBe("chunked");
    const bad = await raw(sock, "GET", "/events?since=100&until=50");
    expect(bad.status).toBe(400);
  });
});
