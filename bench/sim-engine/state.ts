// Per-engine container state. Pure data + mutations: no I/O and no events here (lifecycle.ts
// applies a mutation first and only then emits the matching event, so a re-list agrees with it).
import { hashSeed, mulberry32, type Rng } from "./prng";
import { OWNER_LABEL } from "../../lib/docker/labels";
import { ownerProof } from "../../lib/docker/owner-proof";

export type ContainerStateName =
  | "created"
  | "running"
  | "paused"
  | "restarting"
  | "removing"
  | "exited"
  | "dead";

export interface PortSpec {
  priv: number;
  pub: number;
  type: "tcp" | "udp";
}

export interface Container {
  id: string;
  /** Without the leading "/" (the API adds it). */
  name: string;
  image: string;
  imageId: string;
  cmd: string[];
  env: string[];
  /** Keys inserted in sorted order: Go encodes maps sorted, so JSON output matches the engine's. */
  labels: Record<string, string>;
  created: bigint;
  /** Creation order within the engine; lists are newest first like the engine's. */
  seq: number;
  state: ContainerStateName;
  pid: number;
  exitCode: number;
  oomKilled: boolean;
  startedAt: bigint;
  finishedAt: bigint;
  restartCount: number;
  ip: string;
  mac: string;
  endpointId: string;
  ports: PortSpec[];
  /** Cached list JSON before/after the time-dependent Status; cleared on every mutation. */
  listPre?: string;
  listPost?: string;
}

export interface ContainerSpec {
  name: string;
  image: string;
  cmd: string[];
  labels?: Record<string, string>;
  ports?: PortSpec[];
  env?: string[];
}

export interface StateOptions {
  /** Fraction of containers carrying wharf.tenant/project/app/service labels. */
  labelFraction: number;
  /** Number of distinct tenants t0..t<n-1>. */
  tenants: number;
  /** When set, labelled containers carry a valid ownership proof, as Wharf's own containers do. */
  ownerKey?: Buffer;
}

interface ImageDef {
  ref: string;
  cmd: string[];
  port?: number;
}

// A small fixed catalogue keeps /info's Images count and image ids stable across seeds.
export const IMAGES: readonly ImageDef[] = [
  { ref: "nginx:1.25", cmd: ["nginx", "-g", "daemon off;"], port: 80 },
  { ref: "redis:7", cmd: ["redis-server"], port: 6379 },
  { ref: "postgres:16", cmd: ["postgres"], port: 5432 },
  { ref: "node:20-alpine", cmd: ["node", "server.js"], port: 3000 },
  { ref: "busybox:latest", cmd: ["sh", "-c", "sleep infinity"] },
];

export function imageIdFor(ref: string): string {
  return `sha256:${mulberry32(hashSeed("image", ref)).hex(64)}`;
}

const SERVICES = ["web", "api", "worker", "db", "cache"] as const;
const ADJECTIVES = ["brave", "calm", "eager", "fancy", "gentle", "happy", "jolly", "keen", "lucid", "merry"];
const NOUNS = [
  "turing",
  "hopper",
  "lovelace",
  "curie",
  "darwin",
  "euler",
  "gauss",
  "noether",
  "pascal",
  "tesla",
];
const DEFAULT_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export function sortedRecord(rec: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(rec).sort()) out[k] = rec[k];
  return out;
}

export class EngineState {
  readonly index: number;
  /** Daemon ID in the engine's "XXXX:XXXX:…" form. */
  readonly id: string;
  readonly name: string;
  readonly networkId: string;
  readonly ncpu: number;
  readonly memTotal: number;
  /** Creation order, oldest first. M is ~100, so O(M) splices and scans are cheap. */
  readonly containers: Container[] = [];
  private readonly byId = new Map<string, Container>();
  private readonly byName = new Map<string, Container>();
  private readonly rng: Rng;
  private seqNo = 0;
  private nextPid = 1000;
  private nextIp = 2;
  private nextPublicPort = 32768;

  constructor(
    index: number,
    seed: number,
    private readonly opts: StateOptions,
  ) {
    this.index = index;
    this.rng = mulberry32(hashSeed(seed, "engine", index));
    const b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    this.id = Array.from({ length: 12 }, () =>
      Array.from({ length: 4 }, () => this.rng.pick([...b32])).join(""),
    ).join(":");
    this.name = `sim-engine-${index}`;
    this.networkId = this.rng.hex(64);
    this.ncpu = this.rng.pick([2, 4, 8, 16]);
    this.memTotal = this.ncpu * 2 * 1024 ** 3;
  }

  /** Seeded random spec: name, image and (for labelFraction of them) the wharf.* scoping labels. */
  randomSpec(): ContainerSpec {
    const r = this.rng;
    const img = r.pick(IMAGES);
    const n = this.seqNo;
    const labels: Record<string, string> = {};
    let name: string;
    if (r.chance(this.opts.labelFraction)) {
      const tenant = `t${r.int(Math.max(1, this.opts.tenants))}`;
      const project = `${tenant}-p${r.int(3)}`;
      const service = r.pick(SERVICES);
      labels["wharf.tenant"] = tenant;
      labels["wharf.project"] = project;
      labels["wharf.app"] = `${project}-app${r.int(2)}`;
      labels["wharf.service"] = service;
      name = `${project}-${service}-${n}`;
      if (this.opts.ownerKey) {
        const f = { tenant, project, app: labels["wharf.app"], service };
        labels[OWNER_LABEL] = ownerProof(this.opts.ownerKey, "c", f, name);
      }
    } else {
      if (r.chance(0.3)) labels["maintainer"] = "ops@example.com";
      name = `${r.pick(ADJECTIVES)}_${r.pick(NOUNS)}_${n}`;
    }
    const ports: PortSpec[] = img.port && r.chance(0.5) ? [{ priv: img.port, pub: 0, type: "tcp" }] : [];
    return { name, image: img.ref, cmd: img.cmd, labels, ports };
  }

  create(spec: ContainerSpec, now: bigint): Container {
    if (this.byName.has(spec.name))
      throw new Error(`Conflict. The container name "/${spec.name}" is already in use`);
    const c: Container = {
      id: this.rng.hex(64),
      name: spec.name,
      image: spec.image,
      imageId: imageIdFor(spec.image),
      cmd: spec.cmd,
      env: spec.env ?? [DEFAULT_ENV],
      labels: sortedRecord(spec.labels ?? {}),
      created: now,
      seq: this.seqNo++,
      state: "created",
      pid: 0,
      exitCode: 0,
      oomKilled: false,
      startedAt: 0n,
      finishedAt: 0n,
      restartCount: 0,
      ip: "",
      mac: "",
      endpointId: "",
      ports: (spec.ports ?? []).map((p) => ({ ...p })),
    };
    this.containers.push(c);
    this.byId.set(c.id, c);
    this.byName.set(c.name, c);
    return c;
  }

  start(c: Container, now: bigint): void {
    const octet = this.nextIp++ % 65000;
    c.state = "running";
    c.pid = this.nextPid++;
    c.exitCode = 0;
    c.oomKilled = false;
    c.startedAt = now;
    c.ip = `172.17.${octet >> 8}.${octet & 255}`;
    c.mac = `02:42:ac:11:${(octet >> 8).toString(16).padStart(2, "0")}:${(octet & 255).toString(16).padStart(2, "0")}`;
    c.endpointId = this.rng.hex(64);
    for (const p of c.ports) {
      p.pub = this.nextPublicPort;
      this.nextPublicPort = this.nextPublicPort >= 60999 ? 32768 : this.nextPublicPort + 1; // ephemeral range
    }
    invalidate(c);
  }

  die(c: Container, exitCode: number, now: bigint, oomKilled = false): void {
    c.state = "exited";
    c.pid = 0;
    c.exitCode = exitCode;
    c.oomKilled = oomKilled;
    c.finishedAt = now;
    c.ip = c.mac = c.endpointId = "";
    for (const p of c.ports) p.pub = 0;
    invalidate(c);
  }

  remove(c: Container): void {
    const i = this.containers.indexOf(c);
    if (i >= 0) this.containers.splice(i, 1);
    this.byId.delete(c.id);
    this.byName.delete(c.name);
  }

  /** Engine lookup order: full id, then name (with or without "/"), then unique id prefix. */
  find(ref: string): Container | "ambiguous" | undefined {
    const exact = this.byId.get(ref) ?? this.byName.get(ref.startsWith("/") ? ref.slice(1) : ref);
    if (exact || ref === "") return exact;
    let found: Container | undefined;
    for (const c of this.containers) {
      if (!c.id.startsWith(ref)) continue;
      if (found) return "ambiguous";
      found = c;
    }
    return found;
  }

  counts(): { running: number; paused: number; stopped: number } {
    let running = 0;
    let paused = 0;
    for (const c of this.containers) {
      if (c.state === "running" || c.state === "restarting") running++;
      else if (c.state === "paused") paused++;
    }
    return { running, paused, stopped: this.containers.length - running - paused };
  }

  /** Initial population: mostly running, some exited, a few only created. */
  populate(count: number, now: bigint): void {
    for (let i = 0; i < count; i++) {
      // Spread creation times over the last few hours so Status strings vary like a real host.
      const created = now - BigInt(this.rng.int(6 * 3600)) * 1_000_000_000n - BigInt(this.rng.int(1e9));
      const c = this.create(this.randomSpec(), created);
      const roll = this.rng.next();
      if (roll < 0.05) continue;
      this.start(c, created + 500_000_000n);
      if (roll < 0.2) {
        const ranNs = Number(now - created) * this.rng.next(); // died somewhere between start and now
        this.die(c, this.rng.pick([0, 0, 1, 137]), created + 500_000_000n + BigInt(Math.floor(ranNs / 2)));
      }
    }
    // Random creation times would break "newest first" by seq; keep seq order equal to time order.
    this.containers.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
    this.containers.forEach((c, i) => (c.seq = i));
  }
}

function invalidate(c: Container): void {
  c.listPre = c.listPost = undefined;
}
