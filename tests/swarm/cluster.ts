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

export function upCluster(): SwarmCluster {
  const startedByUs = !running();
  if (startedByUs)
    try {
      script("up");
    } catch (err) {
      script("down"); // a half-made cluster (namespaces, engines, registry) is not left behind
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
  if (c?.startedByUs) script("down");
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
