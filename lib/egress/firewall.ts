import "server-only";
import { execFile, execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { config } from "@/lib/config";
import { allowList } from "@/lib/egress/allow-list";
import type { AllowEntry } from "@/lib/policy/egress";

/**
 * Wharf's host firewall: containers on the bridges Wharf creates (every app network of a standalone
 * deploy, every build network) cannot open connections to this host's own services — Wharf's API, a
 * same-box registry, a database, an admin API on 0.0.0.0 — except what the admin allow-list names.
 *
 * How: each such bridge gets an interface name starting with this installation's prefix (`wh` + 4 hex
 * from its database path), so ONE rule in INPUT (`-i whXXXX+ -j WHARF-XXXX`) covers bridges created
 * later too, with no window between a network's creation and its rule. The chain is rewritten
 * atomically (iptables-restore --noflush) when the allow-list changes, and removed when Wharf stops.
 * Several installations on one machine (test servers) each keep their own prefix and chain.
 * Rules are built only from parsed, canonical values; iptables runs without a shell.
 */
const run = promisify(execFile);

function instanceTag(): string {
  const file = config.databaseUrl.replace(/^file:/, "");
  return createHash("sha256").update(path.resolve(file)).digest("hex").slice(0, 4);
}

const TAG = instanceTag();
export const BRIDGE_PREFIX = `wh${TAG}`;
export const FIREWALL_CHAIN = `WHARF-${TAG.toUpperCase()}`;
const JUMP = ["INPUT", "-i", `${BRIDGE_PREFIX}+`, "-j", FIREWALL_CHAIN];

const enabled = () => (process.env.WHARF_EGRESS_FIREWALL ?? "on") !== "off";

/** A fresh interface name for a bridge network Wharf creates (15 characters at most, as Linux requires). */
export const newBridgeName = () => `${BRIDGE_PREFIX}${randomBytes(4).toString("hex")}`;

/** The option that names a bridge network's interface, for Docker's network create. */
export const bridgeOptions = () => ({ "com.docker.network.bridge.name": newBridgeName() });

const v4Text = (e: AllowEntry) => [24n, 16n, 8n, 0n].map((s) => Number((e.base >> s) & 255n)).join(".");

/** The chain's rules (iptables-restore syntax), from the allow-list's IPv4 entries. */
export function chainRules(list: AllowEntry[]): string {
  const lines = [`:${FIREWALL_CHAIN} - [0:0]`];
  const add = (rule: string) => lines.push(`-A ${FIREWALL_CHAIN} ${rule}`);
  add("-m conntrack --ctstate ESTABLISHED,RELATED -j RETURN");
  for (const e of list.filter((x) => x.family === 4)) {
    const dest = `-d ${v4Text(e)}/${e.bits}`;
    if (e.port === null) add(`${dest} -j RETURN`);
    else for (const proto of ["tcp", "udp"]) add(`${dest} -p ${proto} --dport ${e.port} -j RETURN`);
  }
  // The same answer for every port, open or closed: nothing is learned from probing.
  add("-p tcp -j REJECT --reject-with tcp-reset");
  add("-j REJECT --reject-with icmp-port-unreachable");
  return `*filter\n${lines.join("\n")}\nCOMMIT\n`;
}

function restore(rules: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile("iptables-restore", ["--noflush"], (err) => (err ? reject(err) : resolve()));
    child.stdin?.end(rules);
  });
}

let queue: Promise<void> = Promise.resolve();
let warned = false;

/** Writes the chain from the current allow-list and makes sure INPUT jumps to it. Idempotent. */
export function syncFirewall(): Promise<void> {
  if (!enabled()) return Promise.resolve();
  queue = queue
    .then(async () => {
      await restore(chainRules(await allowList()));
      const present = await run("iptables", ["-C", ...JUMP]).then(
        () => true,
        () => false,
      );
      if (!present) await run("iptables", ["-I", ...JUMP.slice(0, 1), "1", ...JUMP.slice(1)]);
    })
    .catch((err: unknown) => {
      if (!warned)
        console.error(
          `[wharf] egress firewall: could not write ${FIREWALL_CHAIN} (containers may reach this host's services): ${(err as Error).message}`,
        );
      warned = true;
    });
  return queue;
}

/** Removes the jump and the chain (on stop). Synchronous: it runs from a signal handler before exit. */
export function removeFirewallSync(): void {
  if (!enabled()) return;
  const quiet = { stdio: "ignore" as const };
  try {
    for (let i = 0; i < 10; i++) execFileSync("iptables", ["-D", ...JUMP], quiet);
  } catch {
    /* no jump left */
  }
  for (const args of [
    ["-F", FIREWALL_CHAIN],
    ["-X", FIREWALL_CHAIN],
  ]) {
    try {
      execFileSync("iptables", args, quiet);
    } catch {
      /* already gone */
    }
  }
}
