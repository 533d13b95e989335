// The two kinds of load of `npm run bench:ha`, each remembering which instance answered (HAProxy's X-Wharf-Instance;
// "direct" without HAProxy): closed-loop GETs and many SSE streams that count every frame they receive.
import http from "node:http";
import { changeTimes, SseParser } from "../scale/sse-parser";

const instanceOf = (res: http.IncomingMessage) => String(res.headers["x-wharf-instance"] ?? "direct");

/**
 * `concurrency` workers, each sending the next GET as soon as the previous answered, for `seconds`. With `perSecond`
 * the GETs are paced instead: the i-th is due at i / perSecond s (a worker behind schedule sends at once), so both
 * set-ups answer the same requests at a load the machine can carry, with at most `concurrency` in flight.
 */
export async function closedLoop(
  baseUrl: string,
  path: string,
  token: string,
  concurrency: number,
  seconds: number,
  perSecond = 0,
) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const ms: number[] = [];
  const split: Record<string, number> = {};
  let errors = 0;
  const get = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get(
        {
          host: url.hostname,
          port: url.port,
          path: `/api/v1${path}`,
          agent,
          headers: { authorization: `Bearer ${token}` },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode === 200) {
              ms.push(performance.now() - t0);
              const who = instanceOf(res);
              split[who] = (split[who] ?? 0) + 1;
            } else errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
    });
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let sent = 0;
  const due = async () => {
    if (!perSecond) return;
    const at = start + (sent++ * 1000) / perSecond;
    if (at > performance.now()) await new Promise((r) => setTimeout(r, at - performance.now()));
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (await due(); performance.now() < deadline; await due()) await get();
    }),
  );
  agent.destroy();
  return { ms, split, errors };
}

/** Wall clock in ms with sub-ms precision, comparable with the simulator's event times. */
const wallMs = () => performance.timeOrigin + performance.now();

/** `count` SSE clients on /stream?containers=1 (a containers page open), each parsing and counting its frames. */
export class StreamClients {
  private readonly reqs: http.ClientRequest[] = [];
  split: Record<string, number> = {};
  frames = 0;
  latencies: number[] = [];
  errors = 0;
  /** Streams refused and retried (counted in the results). */
  refused = 0;
  counting = false;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async connect(count: number, timeoutMs = 120_000) {
    const url = new URL(this.baseUrl);
    const opened: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      opened.push(this.open(url, 60)); // up to 30 s of refusals: HAProxy takes a loaded instance out for a while
      // In batches of 50, each waited for: 1,000 connections at once overflowed the listen backlog (ECONNRESET).
      if (i % 50 === 49) await Promise.all(opened.slice(i - 49));
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(opened),
      new Promise(
        (_, reject) => (timer = setTimeout(() => reject(new Error("SSE: not every hello came")), timeoutMs)),
      ),
    ]).finally(() => clearTimeout(timer));
  }

  /** One stream; a refusal (HAProxy's 502/503 while an instance's health check lags under load) is retried. */
  private open(url: URL, tries: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const req = http.get(
        {
          host: url.hostname,
          port: url.port,
          path: "/api/v1/stream?containers=1",
          agent: false,
          headers: { authorization: `Bearer ${this.token}`, accept: "text/event-stream" },
        },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            this.refused++;
            if (tries <= 1) return reject(new Error(`SSE: HTTP ${res.statusCode}`));
            return void setTimeout(() => this.open(url, tries - 1).then(resolve, reject), 500);
          }
          const who = instanceOf(res);
          this.split[who] = (this.split[who] ?? 0) + 1;
          res.setEncoding("utf8");
          const parser = new SseParser();
          res.on("data", (chunk: string) => {
            const now = wallMs();
            for (const m of parser.push(chunk)) {
              if (m.event === "hello") resolve();
              else if (m.event === "containers" && this.counting) {
                this.frames++;
                for (const t of changeTimes(m.data)) this.latencies.push(now - t);
              }
            }
          });
          res.on("error", () => this.errors++);
        },
      );
      req.on("error", (err) => {
        this.errors++;
        reject(err);
      });
      this.reqs.push(req);
    });
  }

  close() {
    for (const r of this.reqs.splice(0)) r.destroy();
  }
}
