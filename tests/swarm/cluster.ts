// The three-node Swarm of scripts/services/swarm-multi.sh for tests and the bench: brought up only when
// it is not running (and then taken down again), its engines, node addresses and registry.
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import Docker from "dockerode";

const STATE_DIR = process.env.WHARF_TEST_STATE_DIR ?? "/run/wharf-test";
const SCRIPT = "scripts/services/swarm-multi.sh";

export type SwarmCluster = {
  manager: Docker;
  managerUrl: string;
  /** Node hostname → its address on the Swarm bridge (reachable from the host). */
  addresses: Record<string, string>;
  engines: Record<string, Docker>;
  registry: { host: string; user: string; password: string; ca: string };
  startedByUs: boolean;
};

const script = (...args: string[]) => execFileSync("bash", [SCRIPT, ...args], { stdio: "inherit" });

function readEnv(): Record<string, string> {
  const text = fs.readFileSync(`${STATE_DIR}/swarm-multi.env`, "utf8");
  return Object.fromEntries(
    text
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

const running = () => {
  try {
    execFileSync("bash", [SCRIPT, "status"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

// One file at a time on the cluster: multi-node kills and revives nodes, and a second file deploying meanwhile
// (or bringing the cluster up at the same moment) would fail for it. The lease is a file holding the holder's
// pid, created exclusively; it is taken over from a holder that is gone, or from this same process (a worker runs
// its files one after another, so an earlier file whose afterAll failed before downCluster is done).
const LEASE = `${STATE_DIR}/swarm-multi.lease`;
const LEASE_WAIT_MS = 280_000; // under the hook timeout (vitest.config.ts): multi-node holds it ~150 s
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err instanceof Error && "code" in err && err.code === "EPERM";
  }
};
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
/** The lease holder's pid; 0 while it is being written, or when it is gone. */
const leaseHolder = () => (fs.existsSync(LEASE) ? Number(fs.readFileSync(LEASE, "utf8")) : 0);

function takeLease() {
  const deadline = Date.now() + LEASE_WAIT_MS;
  fs.mkdirSync(STATE_DIR, { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(LEASE, String(process.pid), { flag: "wx" });
      return;
    } catch (err) {
      if (!(err instanceof Error && "code" in err && err.code === "EEXIST")) throw err;
    }
    const holder = leaseHolder();
    if (holder === process.pid || (holder > 0 && !alive(holder))) fs.rmSync(LEASE, { force: true });
    else if (Date.now() > deadline) throw new Error(`the three-node Swarm is still leased by pid ${holder}`);
    else pause(500);
  }
}

function releaseLease() {
  if (leaseHolder() === process.pid) fs.rmSync(LEASE);
}

export function upCluster(): SwarmCluster {
  takeLease();
  const startedByUs = !running();
  if (startedByUs)
    try {
      script("up");
    } catch (err) {
      script("down"); // a half-made cluster (namespaces, engines, registry) is not left behind
      releaseLease();
      throw err;
    }
  const env = readEnv();
  const nodes = env.SWARM_NODES.split(",");
  const sock = (n: string) => `/run/${n}.sock`;
  return {
    manager: new Docker({ socketPath: sock(nodes[0]) }),
    managerUrl: env.SWARM_MANAGER_HOST,
    addresses: Object.fromEntries(nodes.map((n) => [n, env[`SWARM_ADDR_${n.replaceAll("-", "_")}`]])),
    engines: Object.fromEntries(nodes.map((n) => [n, new Docker({ socketPath: sock(n) })])),
    registry: {
      host: env.SWARM_REGISTRY,
      user: env.SWARM_REGISTRY_USER,
      password: env.SWARM_REGISTRY_PASSWORD,
      ca: env.SWARM_REGISTRY_CA,
    },
    startedByUs,
  };
}

export function downCluster(c: SwarmCluster | undefined) {
  try {
    if (c?.startedByUs) script("down");
  } finally {
    releaseLease();
  }
}

/** Without blocking the event loop (probe loops and HTTP keep-alive go on meanwhile). */
const scriptAsync = async (...args: string[]) => {
  const { stderr } = await promisify(execFile)("bash", [SCRIPT, ...args]);
  process.stderr.write(stderr);
};
/** SIGKILLs one node's dockerd (the pid swarm-multi.sh recorded); `reviveNodes` starts it again. */
export const killNode = (node: string) => scriptAsync("kill-node", node);
export const reviveNodes = () => scriptAsync("up");

/** Removes the Swarm services a tenant's apps left on the cluster (a file's safety net in `afterAll`). */
export async function removeTenantServices(c: SwarmCluster, tenantId: string) {
  for (const s of await c.manager.listServices({ filters: { label: [`wharf.tenant=${tenantId}`] } }))
    await c.manager
      .getService(s.ID)
      .remove()
      .catch(() => undefined);
}
