// Entry point: N simulated engines in one process, each on its own unix socket or loopback port.
// For scale benchmarks only; tests of Wharf itself run against the real engine.
import { mkdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { EventBus } from "./events";
import { Driver, type SimEngine } from "./lifecycle";
import { createHandler } from "./server";
import { EngineState } from "./state";
import { nowNs } from "./time";
import type { AddressInfo } from "node:net";

export interface SimulatorOptions {
  engines: number;
  containersPerEngine: number;
  /** Total events per second across all engines. */
  eventsPerSecond: number;
  seed: number;
  /** Unix socket directory (default /tmp/wharf-sim); ignored when basePort is set. */
  socketDir?: string;
  /** Listen on 127.0.0.1:basePort+i instead of unix sockets; 0 picks free ports. */
  basePort?: number;
  /** Fraction of containers with wharf.tenant/project/app/service labels (default 0.5). */
  labelFraction?: number;
  /** Distinct tenants t0..t<n-1> (default 10). */
  tenants?: number;
  /** Hex key of Wharf's ownership proofs (lib/docker/owner-proof.ts): labelled containers then carry a valid `wharf.owner`. */
  ownerKeyHex?: string;
  /** Events kept per engine for `since` replay (default 10,000). */
  ringSize?: number;
  /** Event driver tick in ms (default 5). */
  tickMs?: number;
}

export interface Simulator {
  endpoints: string[];
  setRate(n: number): void;
  stop(): Promise<void>;
  stats(): { eventsEmitted: number; subscribers: number };
  /** Internal state, for tests and bench tooling (e.g. to force transitions). */
  engines: SimEngine[];
  driver: Driver;
}

function listen(server: Server, target: string | number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    const done = () => {
      server.off("error", reject);
      resolve();
    };
    if (typeof target === "string") server.listen(target, done);
    else server.listen(target, "127.0.0.1", done);
  });
}

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const useTcp = opts.basePort !== undefined;
  const socketDir = opts.socketDir ?? "/tmp/wharf-sim";
  const stateOpts = {
    labelFraction: opts.labelFraction ?? 0.5,
    tenants: opts.tenants ?? 10,
    ownerKey: opts.ownerKeyHex ? Buffer.from(opts.ownerKeyHex, "hex") : undefined,
  };
  const now = nowNs();
  const engines: SimEngine[] = [];
  for (let i = 0; i < opts.engines; i++) {
    const state = new EngineState(i, opts.seed, stateOpts);
    state.populate(opts.containersPerEngine, now);
    engines.push({ state, bus: new EventBus(opts.ringSize ?? 10_000) });
  }

  if (!useTcp) mkdirSync(socketDir, { recursive: true });
  const servers: Server[] = [];
  const endpoints: string[] = [];
  const sockets: string[] = [];
  try {
    for (const engine of engines) {
      const server = createServer(createHandler(engine));
      // /events responses live for hours; the request itself is tiny, so no request timeout.
      server.requestTimeout = 0;
      // As dockerd: idle keep-alive connections stay open and no `Keep-Alive: timeout` hint is sent (Node's default
      // of 5 s would make clients drop their pooled connections to a quiet engine, which a real one does not).
      server.keepAliveTimeout = 0;
      servers.push(server);
      if (useTcp) {
        await listen(server, opts.basePort ? opts.basePort + engine.state.index : 0);
        endpoints.push(`tcp://127.0.0.1:${(server.address() as AddressInfo).port}`);
      } else {
        const sock = path.join(socketDir, `engine-${engine.state.index}.sock`);
        rmSync(sock, { force: true }); // a stale socket from a killed run would make listen fail
        await listen(server, sock);
        sockets.push(sock);
        endpoints.push(`unix://${sock}`);
      }
    }
  } catch (err) {
    await closeAll(servers, sockets);
    throw err;
  }

  const driver = new Driver(engines, opts.seed, opts.eventsPerSecond, opts.tickMs ?? 5);
  driver.start();
  let stopped = false;

  return {
    endpoints,
    engines,
    driver,
    setRate: (n) => driver.setRate(n),
    stats: () => ({
      eventsEmitted: driver.emitted,
      subscribers: engines.reduce((n, e) => n + e.bus.subscribers.size, 0),
    }),
    async stop() {
      if (stopped) return;
      stopped = true;
      driver.stop();
      await closeAll(servers, sockets);
    },
  };
}

async function closeAll(servers: Server[], sockets: string[]): Promise<void> {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (!s.listening) return resolve();
          s.close(() => resolve());
          s.closeAllConnections(); // open /events streams would otherwise keep close() waiting
        }),
    ),
  );
  for (const sock of sockets) rmSync(sock, { force: true });
}
