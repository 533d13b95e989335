// Parent side of sim-child.ts: start N simulated engines in a child process, change the event rate, read stats, stop.
import { fork, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { deriveOwnerKey } from "../../lib/docker/owner-proof";
import type { SimulatorOptions } from "../sim-engine/index";

export type SimStats = { eventsEmitted: number; subscribers: number; cpuPercent: number; rss: number };
export type SimHandle = {
  pid: number;
  endpoints: string[];
  setRate(n: number): Promise<void>;
  stats(): Promise<SimStats>;
  stop(): Promise<void>;
};

/**
 * A fresh WHARF_SECRET_KEY for the server under test, and the owner key the server derives from it (as hex, for
 * the simulator's options): the simulated containers then carry proofs that server accepts.
 */
export function simSecret(): { secret: string; ownerKeyHex: string } {
  const secret = randomBytes(32).toString("base64url");
  return {
    secret,
    ownerKeyHex: deriveOwnerKey(createHash("sha256").update(secret).digest()).toString("hex"),
  };
}

export async function startSimProcess(opts: SimulatorOptions, timeoutMs = 120_000): Promise<SimHandle> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, "sim-child.ts"), [JSON.stringify(opts)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = <T>(type: string, ms = 10_000) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`simulator: no "${type}" answer within ${ms} ms`)), ms);
      const onMsg = (m: { type: string; message?: string }) => {
        if (m.type === type) done(undefined, m as T);
        else if (m.type === "error") done(new Error(`simulator: ${m.message}`));
      };
      const onExit = (code: number | null) => done(new Error(`simulator exited (${code}) before "${type}"`));
      function done(err?: Error, value?: T) {
        clearTimeout(timer);
        child.off("message", onMsg);
        child.off("exit", onExit);
        if (err) reject(err);
        else resolve(value as T);
      }
      child.on("message", onMsg);
      child.once("exit", onExit);
    });
  let ready: { endpoints: string[] };
  try {
    ready = await next<{ endpoints: string[] }>("ready", timeoutMs);
  } catch (err) {
    child.kill("SIGTERM");
    throw err;
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.send({ type: "stop" });
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    pid: child.pid!,
    endpoints: ready.endpoints,
    async setRate(n) {
      const ack = next("rate");
      child.send({ type: "rate", n });
      await ack;
    },
    async stats() {
      const ans = next<SimStats>("stats");
      child.send({ type: "stats" });
      return ans;
    },
    stop,
  };
}

/**
 * Quiet simulated engines (no events until `setRate`) whose labelled containers carry proofs for a fresh server key:
 * the set-up of every benchmark that then starts Wharf with `WHARF_SECRET_KEY: secret`. Sockets in
 * /tmp/wharf-<name>-<pid>.
 */
export async function startProvenSim(
  name: string,
  opts: Pick<SimulatorOptions, "engines" | "containersPerEngine" | "tenants"> & { seed?: number },
  timeoutMs?: number,
): Promise<{ sim: SimHandle; secret: string }> {
  const { secret, ownerKeyHex } = simSecret();
  const sim = await startSimProcess(
    {
      seed: 1,
      ...opts,
      eventsPerSecond: 0,
      socketDir: `/tmp/wharf-${name}-${process.pid}`,
      ownerKeyHex,
    },
    timeoutMs,
  );
  return { sim, secret };
}
