// The simulator in its own process (so it never shares an event loop with the bench's clients), driven over IPC.
// Started by sim.ts with fork(); options arrive as one JSON argument.
import { rmdirSync } from "node:fs";
import { startSimulator, type SimulatorOptions } from "../sim-engine/index";

type Msg = { type: "rate"; n: number } | { type: "stats" } | { type: "stop" };

const opts = JSON.parse(process.argv[2]) as SimulatorOptions;
const send = (m: unknown) => process.send?.(m);

const sim = await startSimulator(opts).catch((err: NodeJS.ErrnoException) => {
  send({ type: "error", message: `${err.code ?? ""} ${err.message}` });
  process.exit(1);
});

let cpu = process.cpuUsage();
let t = performance.now();
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await sim.stop();
  // The sockets are gone; drop the (now empty) directory this run created.
  try {
    if (opts.socketDir) rmdirSync(opts.socketDir);
  } catch {
    /* not empty or already gone: leave it */
  }
  process.exit(0);
};

process.on("message", (m: Msg) => {
  if (m.type === "rate") {
    sim.setRate(m.n);
    send({ type: "rate", n: m.n });
  } else if (m.type === "stats") {
    const d = process.cpuUsage(cpu);
    const dt = performance.now() - t;
    cpu = process.cpuUsage();
    t = performance.now();
    send({
      type: "stats",
      ...sim.stats(),
      cpuPercent: ((d.user + d.system) / 1000 / dt) * 100,
      rss: process.memoryUsage.rss(),
    });
  } else if (m.type === "stop") void stop();
});
// The parent died or closed the channel: never leave sockets and timers behind.
process.on("disconnect", () => void stop());
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
send({ type: "ready", endpoints: sim.endpoints });
