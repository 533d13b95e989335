// Two Wharf instances on one PostgreSQL database behind Debian's HAProxy, configured by the same file as
// scripts/ha.sh (scripts/ha/haproxy.cfg, health checks on GET /api/v1/ready). For the HA tests (tests/ha/).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { until } from "./until";
import { startAnotherInstance, startWharfServer, type WharfServer } from "./wharf-server";
import { freePort } from "../deploy/helpers";

export type HaPair = {
  /** HAProxy's address: what a browser uses. */
  url: string;
  /** By HAProxy's server name (the X-Wharf-Instance response header). */
  instances: Record<"wharf-1" | "wharf-2", WharfServer>;
  stop: () => Promise<void>;
};

/**
 * Starts HAProxy on a free port in front of the given instance ports; resolves once every instance is in.
 * `statsSocket`: a path for HAProxy's stats socket too (bench:ha reads the connections it opened to the instances).
 */
export async function startHaproxy(ports: [number, number], statsSocket?: string) {
  const port = await freePort();
  const files = ["-f", path.resolve("scripts/ha/haproxy.cfg")];
  if (statsSocket) {
    const extra = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "wharf-haproxy-")), "stats.cfg");
    fs.writeFileSync(extra, `global\n    stats socket ${statsSocket} mode 600 level user\n`);
    files.push("-f", extra);
  }
  const child = spawn("haproxy", [...files, "-db"], {
    env: {
      ...process.env,
      WHARF_HA_ADDR: "127.0.0.1",
      WHARF_HA_PORT: String(port),
      WHARF_HA_PORT_1: String(ports[0]),
      WHARF_HA_PORT_2: String(ports[1]),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  // Round robin over instances that passed their health check: both names seen means both are in.
  const seen = new Set<string>();
  await until(
    `HAProxy on ${url} with both instances (${stderr})`,
    async () => {
      if (child.exitCode !== null) throw new Error(`haproxy exited: ${stderr}`);
      const res = await fetch(`${url}/api/v1/ready`);
      const name = res.headers.get("x-wharf-instance");
      if (res.ok && name) seen.add(name);
      return seen.size === 2;
    },
    30_000,
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
  return { url, stop, pid: child.pid! };
}

/** Two instances (WHARF_INSTANCE_ID wharf-1/2, one server key, one database) and HAProxy; `env` goes to both. */
export async function startHaPair(env: Record<string, string> = {}): Promise<HaPair> {
  const common = { WHARF_TRUSTED_PROXIES: "127.0.0.1/32", ...env };
  const started: WharfServer[] = [];
  let proxy: { url: string; stop: () => Promise<void> } | undefined;
  const stop = async () => {
    await proxy?.stop();
    // Together: each drains for WHARF_SHUTDOWN_DRAIN_MS first (behind a proxy, lib/graceful-stop.ts).
    await Promise.all(started.map((s) => s.stop()));
  };
  try {
    // The server key both share, there before the first starts (a server writes its own only when it first needs it).
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-test-"));
    fs.writeFileSync(path.join(dataDir, "secret.key"), randomBytes(32).toString("base64"), { mode: 0o600 });
    const one = await startWharfServer({
      dataDir,
      env: { ...common, WHARF_INSTANCE_ID: "wharf-1" },
    });
    started.push(one);
    // The second instance: the same database and server key (as a second machine behind HAProxy).
    const two = await startAnotherInstance(one, { ...common, WHARF_INSTANCE_ID: "wharf-2" });
    started.push(two);
    const port = (s: WharfServer) => Number(new URL(s.baseUrl).port);
    proxy = await startHaproxy([port(one), port(two)]);
    return { url: proxy.url, instances: { "wharf-1": one, "wharf-2": two }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
