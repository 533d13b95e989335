import "server-only";
import { execFile, execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { errorText } from "@/lib/api/errors";
import { config } from "@/lib/config";
import { allowList } from "@/lib/egress/allow-list";
import { cidrText, type AllowEntry, type Family } from "@/lib/policy/egress";

/**
 * Wharf's host firewall: containers on the bridges Wharf creates (every app network of a standalone
 * deploy, every build network) cannot open connections to this host's own services — Wharf's API, a
 * same-box registry, a database, an admin API on 0.0.0.0 — except what the admin allow-list names.
 *
 * How: each such bridge gets an interface name starting with this installation's prefix (`wh` + 4 hex
 * from its database path), so ONE rule in INPUT (`-i whXXXX+ -j WHARF-XXXX`) covers bridges created
 * later too, with no window between a network's creation and its rule. The chain is rewritten
 * atomically (iptables-restore --noflush) when the allow-list changes, and removed when Wharf stops;
 * the same chain is written with ip6tables for IPv6 when the host has it.
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

/** The two tables Wharf writes: IPv4 always; IPv6 when the host has ip6tables (skipped quietly otherwise). */
const TABLES = [
  { family: 4, cmd: "iptables", reject: "icmp-port-unreachable" },
  { family: 6, cmd: "ip6tables", reject: "icmp6-port-unreachable" },
] as const;
type Table = (typeof TABLES)[number];

/** The chain's rules (iptables-restore syntax) for one family, from the allow-list's entries of that family. */
export function chainRules(list: AllowEntry[], family: Family = 4): string {
  const table = TABLES.find((t) => t.family === family)!;
  const lines = [`:${FIREWALL_CHAIN} - [0:0]`];
  const add = (rule: string) => lines.push(`-A ${FIREWALL_CHAIN} ${rule}`);
  add("-m conntrack --ctstate ESTABLISHED,RELATED -j RETURN");
  for (const e of list.filter((x) => x.family === family)) {
    const dest = `-d ${cidrText(e)}`;
    if (e.port === null) add(`${dest} -j RETURN`);
    else for (const proto of ["tcp", "udp"]) add(`${dest} -p ${proto} --dport ${e.port} -j RETURN`);
  }
  // The same answer for every port, open or closed: nothing is learned from probing.
  add("-p tcp -j REJECT --reject-with tcp-reset");
  add(`-j REJECT --reject-with ${table.reject}`);
  return `*filter\n${lines.join("\n")}\nCOMMIT\n`;
}

function restore(table: Table, rules: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(`${table.cmd}-restore`, ["--noflush"], (err) => (err ? reject(err) : resolve()));
    child.stdin?.end(rules);
  });
}

async function writeTable(table: Table, list: AllowEntry[]): Promise<void> {
  await restore(table, chainRules(list, table.family));
  const present = await run(table.cmd, ["-C", ...JUMP]).then(
    () => true,
    () => false,
  );
  if (!present) await run(table.cmd, ["-I", ...JUMP.slice(0, 1), "1", ...JUMP.slice(1)]);
}

/** Whether the host has ip6tables with a working filter table (checked once). */
let ip6: Promise<boolean> | undefined;
const hasIp6tables = () =>
  (ip6 ??= run("ip6tables", ["-S", "INPUT"]).then(
    () => true,
    () => false,
  ));

let queue: Promise<void> = Promise.resolve();
const warned = new Set<string>();

/**
 * Writes the chain from the current allow-list, in iptables and (when present) ip6tables, and makes
 * sure INPUT jumps to it. Idempotent. A bridge with IPv6 enabled would otherwise reach this host's
 * services over IPv6 (its link-local or global gateway address) around the IPv4 chain.
 */
export function syncFirewall(): Promise<void> {
  if (!enabled()) return Promise.resolve();
  queue = queue.then(async () => {
    const list = await allowList().catch(() => []);
    for (const table of TABLES) {
      if (table.family === 6 && !(await hasIp6tables())) continue;
      await writeTable(table, list).catch((err: unknown) => {
        if (!warned.has(table.cmd))
          console.error(
            `[wharf] egress firewall: could not write ${FIREWALL_CHAIN} with ${table.cmd} (containers may reach this host's services): ${errorText(err)}`,
          );
        warned.add(table.cmd);
      });
    }
  });
  return queue;
}

/** Removes the jumps and the chains (on stop). Synchronous: it runs from a signal handler before exit. */
export function removeFirewallSync(): void {
  if (!enabled()) return;
  const quiet = { stdio: "ignore" as const };
  for (const { cmd } of TABLES) {
    try {
      for (let i = 0; i < 10; i++) execFileSync(cmd, ["-D", ...JUMP], quiet);
    } catch {
      /* no jump left, or no such command */
    }
    for (const args of [
      ["-F", FIREWALL_CHAIN],
      ["-X", FIREWALL_CHAIN],
    ]) {
      try {
        execFileSync(cmd, args, quiet);
      } catch {
        /* already gone */
      }
    }
  }
}
