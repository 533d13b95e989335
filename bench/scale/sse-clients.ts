// Many SSE clients on GET /api/v1/stream (raw HTTP, Bearer token, one connection each). A few "meter" clients,
// spread over the connection order, parse every message and record event→arrival latency; the others only
// drain their bytes, so the bench's own parsing does not crowd the 2-core machine the server runs on.
import http from "node:http";
import { changeTimes, SseParser } from "./sse-parser";
import { meterIndices } from "./stats";

type Client = {
  req: http.ClientRequest;
  res?: http.IncomingMessage;
  meter: boolean;
  watch: boolean;
  hello: boolean;
  bytes: number;
};

/** Whether the j-th unmetered client asks for container changes, spreading a share `f` evenly over the order. */
export const watchesContainers = (j: number, f: number) => Math.floor((j + 1) * f) > Math.floor(j * f);

/** Wall clock in ms with sub-ms precision, comparable with the simulator's timeNano / 1e6. */
const wallMs = () => performance.timeOrigin + performance.now();

export class SseClients {
  private readonly clients: Client[] = [];
  latencies: number[] = [];
  changes = 0;
  messages = 0;
  resyncs = 0;
  errors = 0;
  private readonly url: URL;

  /** `watchers`: share of the unmetered clients that ask for container changes (meters always do). */
  constructor(
    baseUrl: string,
    private readonly token: string,
    private readonly watchers = 1,
  ) {
    this.url = new URL(baseUrl);
  }

  get size() {
    return this.clients.length;
  }

  get meters() {
    return this.clients.filter((c) => c.meter).length;
  }

  /** Opens `count` more streams, `meters` of them metered, and waits for every `hello` (bounded by timeoutMs). */
  async connect(count: number, meters: number, timeoutMs = 60_000): Promise<void> {
    const metered = new Set(meterIndices(count, meters));
    const waits: Promise<void>[] = [];
    let unmetered = 0;
    for (let i = 0; i < count; i++) {
      const meter = metered.has(i);
      waits.push(this.open(meter, meter || watchesContainers(unmetered++, this.watchers)));
      if (i % 50 === 49) await new Promise((r) => setImmediate(r)); // let the server accept in batches
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(
          () => reject(new Error(`SSE: not every client got hello within ${timeoutMs} ms`)),
          timeoutMs,
        )),
    );
    try {
      await Promise.race([Promise.all(waits), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Clients that ask for container changes (meters included). */
  get watching() {
    return this.clients.filter((c) => c.watch).length;
  }

  private open(meter: boolean, watch: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const headers = { authorization: `Bearer ${this.token}`, accept: "text/event-stream" };
      const req = http.get(
        {
          host: this.url.hostname,
          port: this.url.port,
          path: watch ? "/api/v1/stream?containers=1" : "/api/v1/stream",
          headers,
          agent: false,
        },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`SSE: HTTP ${res.statusCode}`));
          client.res = res;
          // Only meters decode and parse: the others count bytes as Buffers, since decoding ~260 MB/s into
          // strings for 1,000 clients cost the bench (on the server's 2 cores) CPU and GC pauses of its own.
          if (meter) res.setEncoding("utf8");
          const parser = meter ? new SseParser() : null;
          res.on("data", (chunk: string | Buffer) => {
            const now = wallMs();
            client.bytes += chunk.length;
            if (!parser || typeof chunk !== "string") {
              if (!client.hello && chunk.includes("event: hello")) {
                client.hello = true;
                resolve();
              }
              return;
            }
            for (const m of parser.push(chunk)) {
              if (m.event === "hello") {
                client.hello = true;
                resolve();
              } else if (m.event === "resync") this.resyncs++;
              else if (m.event === "containers") {
                this.messages++;
                for (const t of changeTimes(m.data)) {
                  this.latencies.push(now - t);
                  this.changes++;
                }
              }
            }
          });
          res.on("error", () => this.errors++);
        },
      );
      const client: Client = { req, meter, watch, hello: false, bytes: 0 };
      req.on("error", (err) => {
        this.errors++;
        reject(err);
      });
      this.clients.push(client);
    });
  }

  /** Starts a new measurement window. */
  reset() {
    this.latencies = [];
    this.changes = this.messages = this.resyncs = this.errors = 0;
  }

  /** Closes the most recently opened `count` streams (or all). */
  close(count = this.clients.length) {
    for (const c of this.clients.splice(Math.max(0, this.clients.length - count))) c.req.destroy();
  }

  /** Bytes received so far by all clients (proves the unmetered ones are being fed too). */
  totalBytes() {
    return this.clients.reduce((n, c) => n + c.bytes, 0);
  }
}
