// npm run bench:fanout — the CPU the SSE fan-out costs the server per frame (issue 22, item 2): N loopback TCP
// streams (readers in a child process, so their CPU is not counted), B batches of a stream's frames written to every
// socket as lib/fleet/http.ts does (`socket.write` of a shared chunk-framed Buffer), either one `write` per frame
// (before) or corked per batch (one `writev` per stream per batch, now). CPU of this process by process.cpuUsage:
// it is the work of the server's main thread for the fan-out, not wall time, so it means something on a loaded
// machine too. Prints µs of CPU per 1,000 frames and per 1,000 stream-batches, and writes
// bench/results/fanout.json.
import { fork } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

if (process.argv[2] === "reader") {
  // Child: opens the streams and drains them.
  const port = Number(process.argv[3]);
  let open = 0;
  for (let i = 0; i < STREAMS; i++) {
    const s = net.connect(port, "127.0.0.1", () => {
      if (++open === STREAMS) process.send!("ready");
    });
    s.on("data", () => {});
    s.on("error", () => {});
  }
} else {
  await main();
}

/** A frame as lib/fleet/http.ts sends it: one HTTP/1.1 chunk holding one SSE event. */
function chunk(event: string, bytes: number): Buffer {
  const body = Buffer.from(`event: ${event}\ndata: ${"x".repeat(bytes)}\n\n`);
  return Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from("\r\n")]);
}

async function main() {
  const sockets: net.Socket[] = [];
  const server = net.createServer((s) => sockets.push(s));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  const child = fork(process.argv[1], ["reader", String(port)], {
    execArgv: process.execArgv,
    env: { ...process.env },
  });
  await new Promise<void>((r) => child.once("message", () => r()));
  while (sockets.length < STREAMS) await new Promise((r) => setTimeout(r, 10));

  // At 1,000 ev/s a 20 ms batch carries ~20 changes (~6 KiB) and the counters; sometimes a hosts frame.
  const frames = [chunk("containers", 6000), chunk("hosts", 300), chunk("counters", 120)];
  const drained = () =>
    new Promise<void>((resolve) => {
      const check = () => (sockets.every((s) => s.writableLength === 0) ? resolve() : setTimeout(check, 5));
      check();
    });

  const run = async (corked: boolean) => {
    await drained();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let b = 0; b < BATCHES; b++) {
      for (const s of sockets) {
        if (corked) s.cork();
        for (const f of frames) s.write(f);
        if (corked) s.uncork();
      }
      // Let the loop run between batches, as the bus does (one flush per 20 ms window at most).
      await new Promise((r) => setImmediate(r));
    }
    await drained();
    const cpu = process.cpuUsage(c0);
    const cpuUs = cpu.user + cpu.system;
    const nFrames = BATCHES * STREAMS * frames.length;
    return {
      corked,
      cpuUsPer1000Frames: (cpuUs / nFrames) * 1000,
      cpuUsPer1000StreamBatches: (cpuUs / (BATCHES * STREAMS)) * 1000,
      systemShare: cpu.system / cpuUs,
      wallMs: performance.now() - t0,
    };
  };

  const results = [];
  await run(false); // warm-up
  for (let r = 0; r < ROUNDS; r++) for (const corked of [false, true]) results.push(await run(corked));
  const load = os.loadavg().map((x) => Number(x.toFixed(2)));
  for (const x of results)
    console.log(
      `${x.corked ? "corked " : "per frame"}: ${x.cpuUsPer1000Frames.toFixed(0)} µs CPU per 1,000 frames, ${x.cpuUsPer1000StreamBatches.toFixed(0)} µs per 1,000 stream-batches (${(x.systemShare * 100).toFixed(0)} % in the kernel), wall ${x.wallMs.toFixed(0)} ms`,
    );
  console.log(`load average ${load.join(" ")}`);
  const out = path.join("bench", "results", "fanout.json");
  fs.writeFileSync(
    out,
    `${JSON.stringify({ at: new Date().toISOString(), streams: STREAMS, batches: BATCHES, framesPerBatch: frames.length, loadAverage: load, cpus: os.cpus().length, results }, null, 2)}\n`,
  );
  child.kill();
  for (const s of sockets) s.destroy();
  server.close();
}
