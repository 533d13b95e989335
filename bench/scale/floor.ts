// The machine's floor under the API-under-load figure: a bare node:http server in a process of its own that answers
// every request with what Wharf's `GET /counters` answered (the same status, headers and body) and does nothing
// else: no routing, no authentication, no fleet, no background work. Loaded exactly like Wharf (same client, same
// workers, same requests) right after Wharf's own window, it says how much of a /counters p95 is this machine at that
// moment (loopback TCP, the scheduler, the bench's own client, the other processes) and how much is Wharf
// (docs/scale.md, round 7: the bench's own CPU per request moved 2.5x between quiet runs of unchanged bench code).
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import { readCpuSeconds } from "./wharf";

/** The answer to copy: Node lower-cases header names; hop-by-hop and per-response headers are left to Node. */
export type Answer = { status: number; headers: Record<string, string>; body: string };

const PER_RESPONSE = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);

/** The headers of `raw` that a server sets itself (Node adds date, connection and keep-alive on its own). */
export function answerHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw))
    if (value !== undefined && !PER_RESPONSE.has(name))
      out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

/** One answer of `url` (loopback only, as every bench request), to be served by the floor server. */
export function fetchAnswer(url: string, headers: Record<string, string>): Promise<Answer> {
  const u = new URL(url);
  if (u.hostname !== "127.0.0.1") throw new Error(`bench targets loopback only, not ${url}`);
  return new Promise((resolve, reject) => {
    http
      .get(u, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: answerHeaders(res.headers),
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

// The child: as plain as a node:http server gets, answering with writeHead + end like lib/api/direct.ts's sendJson.
const SERVER = `
const http = require("node:http");
const { status, headers, body } = JSON.parse(process.env.FLOOR_ANSWER);
const length = Buffer.byteLength(body);
const server = http.createServer((req, res) => {
  res.writeHead(status, { ...headers, "content-length": length });
  res.end(body);
});
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
`;

export type FloorServer = { pid: number; baseUrl: string; cpuSeconds(): number; stop(): Promise<void> };

export async function startFloor(answer: Answer): Promise<FloorServer> {
  const child: ChildProcess = spawn(process.execPath, ["-e", SERVER], {
    env: { ...process.env, FLOOR_ANSWER: JSON.stringify(answer) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [chunk] = (await Promise.race([
    once(child.stdout!, "data"),
    once(child, "exit").then(() => {
      throw new Error("the floor server exited before listening");
    }),
  ])) as [Buffer];
  const port = Number(chunk.toString().trim());
  return {
    pid: child.pid!,
    baseUrl: `http://127.0.0.1:${port}`,
    cpuSeconds: () => readCpuSeconds(child.pid!),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}
