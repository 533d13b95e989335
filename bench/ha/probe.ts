// What one window of `npm run bench:ha` measured besides its load: each instance's CPU, HAProxy's, the rest of the
// machine's (other people's work on the shared cores), the simulator's events, the instances' full GCs and how many
// connections HAProxy opened to the instances against how many requests reused one (its stats socket). Every window
// ends with a full GC of each instance, inside it (full-gc.ts), and starts right after one.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { machineCpuTicks } from "../scale/machine";
import { readCpuSeconds, type WharfProcess } from "../scale/wharf";
import type { FullGc } from "./full-gc";
import type { SimHandle } from "../scale/sim";

export type Proxy = { pid: number; statsSocket: string };

type Stat = { connect: number; reuse: number; allUp: boolean };

/**
 * `show stat` of one HAProxy: over its server lines, connections opened (`connect`), requests that reused one, and
 * whether every line is in (UP).
 */
function showStat(socketPath: string): Promise<Stat> {
  return new Promise((resolve, reject) => {
    const s = net.connect(socketPath, () => s.write("show stat\n"));
    let text = "";
    s.setEncoding("utf8");
    s.on("data", (c: string) => (text += c));
    s.on("error", reject);
    s.on("end", () => {
      const [head, ...rows] = text.split("\n");
      const cols = head.replace(/^# /, "").split(",");
      const [sv, ci, ri, si] = ["svname", "connect", "reuse", "status"].map((c) => cols.indexOf(c));
      let connect = 0;
      let reuse = 0;
      let allUp = true;
      for (const r of rows.map((l) => l.split(",")))
        if (r[sv]?.startsWith("wharf-")) {
          connect += Number(r[ci]) || 0;
          reuse += Number(r[ri]) || 0;
          allUp &&= r[si] === "UP"; // not "UP 1/2": a check already failed
        }
      resolve({ connect, reuse, allUp });
    });
  });
}

/** The same, tried three times (the socket once refused with EPIPE during 1,000 streams); NaN if it never answers. */
export async function haproxyConnections(socketPath: string): Promise<Stat> {
  for (let i = 0; i < 3; i++) {
    try {
      return await showStat(socketPath);
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { connect: NaN, reuse: NaN, allUp: false };
}

/** Full (mark-compact) GCs of an instance's main isolate so far, memory-reducing and forced ones included. */
function fullGcs(server: WharfProcess): number {
  const log = fs.readFileSync(path.join(server.dataDir, "server.log"), "utf8");
  // "[pid:0x…]  1234 ms: Mark-Compact …": the main isolate's address is the first one to log a full GC.
  const lines = [...log.matchAll(/^\[\d+:(0x[0-9a-f]+)\]\s+\d+ ms: Mark-Compact/gm)];
  return lines.filter((m) => m[1] === lines[0][1]).length;
}

/** Context switches of a process's main thread so far: it gave the CPU up (waiting), or had it taken (preempted). */
function switches(pid: number): { voluntary: number; preempted: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? NaN);
  return { voluntary: field("voluntary_ctxt_switches"), preempted: field("nonvoluntary_ctxt_switches") };
}

type Sample = {
  t: number;
  switches: { voluntary: number; preempted: number }[];
  cpu: number[];
  proxies: number;
  conns: { connect: number; reuse: number };
  machine: { busy: number; total: number };
  self: number;
  sim: number;
  events: number;
  gcs: number[];
};

export class Probe {
  constructor(
    private readonly servers: WharfProcess[],
    private readonly proxies: Proxy[],
    private readonly sim: SimHandle,
    private readonly gc: FullGc[],
  ) {}

  private async sample(): Promise<Sample> {
    const conns = { connect: 0, reuse: 0 };
    for (const p of this.proxies) {
      const c = await haproxyConnections(p.statsSocket);
      conns.connect += c.connect;
      conns.reuse += c.reuse;
    }
    const events = (await this.sim.stats()).eventsEmitted;
    const u = process.cpuUsage();
    return {
      t: performance.now(),
      cpu: this.servers.map((s) => readCpuSeconds(s.pid)),
      switches: this.servers.map((s) => switches(s.pid)),
      proxies: this.proxies.reduce((sum, p) => sum + readCpuSeconds(p.pid), 0),
      conns,
      machine: machineCpuTicks(),
      self: (u.user + u.system) / 1e6,
      sim: readCpuSeconds(this.sim.pid),
      events,
      gcs: this.servers.map(fullGcs),
    };
  }

  /** Runs `fn` and says what every part of the machine spent meanwhile. */
  /**
   * A full GC pauses an instance for a second or more on the loaded machine, and HAProxy may take it out meanwhile:
   * a window starts once every server line is back in, else its requests were refused (503) for a while.
   */
  async allUp(timeoutMs = 60_000): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      const stats = await Promise.all(this.proxies.map((p) => haproxyConnections(p.statsSocket)));
      if (stats.every((s) => s.allUp)) return true;
      await new Promise((r) => setTimeout(r, 250));
    }
    return false; // measured anyway, and said so (`startedWithAnInstanceOut`)
  }

  /**
   * `fn`'s window. With BENCH_HA_PROFILE_DIR set and a `name`, each instance's CPU profile of the window is written
   * there as `<name>-wharf-<n>.cpuprofile` (a diagnosis run: the sampling costs CPU of its own).
   */
  async over<T>(fn: () => Promise<T>, name?: string) {
    const profileDir = name ? process.env.BENCH_HA_PROFILE_DIR : undefined;
    await Promise.all(this.gc.map((g) => g.collect()));
    const up = await this.allUp();
    if (profileDir)
      await Promise.all(this.gc.map((g) => g.send("Profiler.enable").then(() => g.send("Profiler.start"))));
    const a = await this.sample();
    const out = await fn();
    await Promise.all(this.gc.map((g) => g.collect()));
    const b = await this.sample();
    if (profileDir) {
      fs.mkdirSync(profileDir, { recursive: true });
      await Promise.all(
        this.gc.map(async (g, i) => {
          const stopped = await g.send("Profiler.stop");
          const profile =
            typeof stopped === "object" && stopped && "profile" in stopped ? stopped.profile : null;
          fs.writeFileSync(
            path.join(profileDir, `${name}-wharf-${i + 1}.cpuprofile`),
            JSON.stringify(profile),
          );
        }),
      );
    }
    const seconds = (b.t - a.t) / 1000;
    const cores = (b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total); // share of all cores
    const cpus = (b.machine.total - a.machine.total) / 100 / seconds; // jiffies are 1/100 s per core
    const instances = b.cpu.map((c, i) => c - a.cpu[i]);
    const proxies = b.proxies - a.proxies;
    const ours = instances.reduce((s, x) => s + x, 0) + proxies + (b.self - a.self) + (b.sim - a.sim);
    return {
      out,
      startedWithAnInstanceOut: !up,
      seconds,
      /** CPU-seconds of each instance (both, whichever serves). */
      cpu: instances,
      proxyCpu: proxies,
      /** Cores busy with anything but this bench (other helpers' builds and tests), on average over the window. */
      othersCores: Math.max(0, cores * cpus - ours / seconds),
      machineBusyCores: cores * cpus,
      eventsPerSecond: (b.events - a.events) / seconds,
      fullGcs: b.gcs.map((g, i) => g - a.gcs[i]),
      /** Per instance, its main thread's context switches in the window: given up, and preempted. */
      switches: b.switches.map((x, i) => ({
        voluntary: x.voluntary - a.switches[i].voluntary,
        preempted: x.preempted - a.switches[i].preempted,
      })),
      connectsToInstances: b.conns.connect - a.conns.connect,
      reusedConnections: b.conns.reuse - a.conns.reuse,
    };
  }
}

export type Window = Awaited<ReturnType<Probe["over"]>>;
