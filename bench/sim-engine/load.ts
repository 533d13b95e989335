// Client-side load for measuring the simulator in its own process: one /events stream per engine
// (like a console's fleet watcher) plus optional periodic full lists per engine.
// npx tsx bench/sim-engine/load.ts --endpoints-file /tmp/wharf-sim/endpoints.txt [--list-interval 10] [--duration 30]
import { readFileSync } from "node:fs";
import http from "node:http";
import { parseArgs } from "node:util";

const { values: v } = parseArgs({
  options: {
    "endpoints-file": { type: "string", default: "/tmp/wharf-sim/endpoints.txt" },
    "list-interval": { type: "string", default: "0" },
    duration: { type: "string", default: "30" },
  },
});

const endpoints = readFileSync(v["endpoints-file"]!, "utf8").split("\n").filter(Boolean);
const target = (ep: string): http.RequestOptions => {
  if (ep.startsWith("unix://")) return { socketPath: ep.slice(7) };
  const u = new URL(ep.replace("tcp://", "http://"));
  return { host: u.hostname, port: Number(u.port) };
};

let events = 0;
let lists = 0;
let errors = 0;
const latencies: number[] = [];
const streams: http.ClientRequest[] = [];

for (const ep of endpoints) {
  const req = http.get(
    { ...target(ep), path: `/events?since=${Math.floor(Date.now() / 1000)}`, agent: false },
    (res) => {
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        for (let i = chunk.indexOf("\n"); i >= 0; i = chunk.indexOf("\n", i + 1)) events++;
      });
    },
  );
  req.on("error", () => errors++);
  streams.push(req);
}

const listEvery = Number(v["list-interval"]) * 1000;
const timers: NodeJS.Timeout[] = [];
if (listEvery > 0) {
  endpoints.forEach((ep, i) => {
    // Stagger the engines over the interval so lists arrive at a steady rate.
    const poll = () => {
      const t = performance.now();
      http
        .get({ ...target(ep), path: "/containers/json?all=1" }, (res) => {
          res.resume();
          res.on("end", () => {
            lists++;
            latencies.push(performance.now() - t);
          });
        })
        .on("error", () => errors++);
    };
    timers.push(
      setTimeout(() => timers.push(setInterval(poll, listEvery)), (i / endpoints.length) * listEvery),
    );
  });
}

let last = performance.now();
const report = setInterval(() => {
  const dt = (performance.now() - last) / 1000;
  last = performance.now();
  latencies.sort((a, b) => a - b);
  const p = (q: number) =>
    latencies.length
      ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1)
      : "-";
  console.log(
    `load: ${endpoints.length} streams, events ${(events / dt).toFixed(0)}/s, lists ${(lists / dt).toFixed(0)}/s (p50 ${p(0.5)}ms p99 ${p(0.99)}ms), errors ${errors}`,
  );
  events = lists = 0;
  latencies.length = 0;
}, 10_000);

setTimeout(
  () => {
    clearInterval(report);
    timers.forEach((t) => clearInterval(t));
    streams.forEach((s) => s.destroy());
    process.exit(0);
  },
  Number(v.duration) * 1000 + 500,
);
