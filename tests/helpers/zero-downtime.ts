// The zero-downtime check of issue 23 (docs/edge.md "Zero-downtime switches"), shared by
// tests/domains/routing.int.test.ts and `npm run bench:edge`: a load loop of HTTPS requests through the test
// Caddy (trusting only its internal CA) runs while an app is redeployed with a new image and then scaled
// 1 → 3 → 1 through Wharf's API; every answer that is not a 200 with one of the app's pages counts as failed.
// Each request opens its own connection: a keep-alive client can meet Caddy closing an idle connection when it
// loads a new config (a browser retries those; Node's agent does not), which is the client's race, not the switch.
// A new connection can still be reset during its TLS handshake when Caddy 2.6 loads a config (its old server shuts
// down the connections it had just accepted): such resets, before any answer, are counted apart (`resets`) from
// answers that were wrong or missing after the connection was up (`failed`, what the switch is responsible for).
import fs from "node:fs";
import https from "node:https";
import type { ApiClient } from "./api-client";
import type { TestCaddy } from "./caddy";

export type PhaseCount = {
  phase: string;
  total: number;
  failed: number;
  resets: number;
  failures: string[];
  /** How long the phase lasted. */
  ms: number;
};

type Answer = { status: number; body: string; reset?: true };

function get(caddy: TestCaddy, host: string, ca: string): Promise<Answer> {
  return new Promise((resolve) => {
    const req = https.get(
      {
        host: "127.0.0.1",
        port: caddy.httpsPort,
        path: "/",
        servername: host,
        headers: { host: `${host}:${caddy.httpsPort}` },
        ca,
        agent: false,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", (err) => resolve({ status: 0, body: err.message }));
      },
    );
    // Reset before the TLS handshake completed (cut by a config load): counted apart, see the header. A reset
    // once the connection was up is a failure like any other.
    let up = false;
    req.on("socket", (socket) => socket.once("secureConnect", () => (up = true)));
    req.on("error", (err: NodeJS.ErrnoException) =>
      resolve({
        status: 0,
        body: err.message,
        ...(err.code === "ECONNRESET" && !up ? { reset: true as const } : {}),
      }),
    );
    req.setTimeout(10_000, () => req.destroy(new Error("timeout after 10 s")));
  });
}

/** The app's pages, or a test of a page (Swarm tasks that answer their own hostname). */
export type Pages = string[] | ((body: string) => boolean);

/** `loops` clients, each sending its next request when the previous answered, counted per phase. */
export function loadLoop(caddy: TestCaddy, host: string, pages: Pages, loops = 4) {
  const ca = fs.readFileSync(caddy.rootCa, "utf8");
  const isPage = typeof pages === "function" ? pages : (body: string) => pages.includes(body);
  const counts: PhaseCount[] = [];
  const fresh = (phase: string): PhaseCount => ({
    phase,
    total: 0,
    failed: 0,
    resets: 0,
    failures: [],
    ms: 0,
  });
  let current = fresh("warm-up");
  let since = Date.now();
  const close = () => {
    current.ms = Date.now() - since;
    since = Date.now();
  };
  let running = true;
  const workers = Array.from({ length: loops }, async () => {
    while (running) {
      const bucket = current;
      const r = await get(caddy, host, ca);
      bucket.total++;
      if (r.reset) bucket.resets++;
      else if (r.status !== 200 || !isPage(r.body.trim())) {
        bucket.failed++;
        if (bucket.failures.length < 10) bucket.failures.push(`${r.status} ${r.body.trim().slice(0, 80)}`);
      }
    }
  });
  return {
    phase(name: string) {
      close();
      current = fresh(name);
      counts.push(current);
    },
    async stop(): Promise<PhaseCount[]> {
      close();
      running = false;
      await Promise.all(workers);
      return counts;
    },
  };
}

const expectOk = (what: string, res: { status: number; body: unknown }) => {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
};

/** One step under the load loop: its phase name and the API call (200 expected). */
export type LoadStep = [phase: string, call: () => Promise<{ status: number; body: unknown }>];

/**
 * Runs `steps` one after another under a load loop on `host`, each counted as its own phase, then one more second
 * ("after"). Returns the counts per phase; the caller asserts or reports them.
 */
export async function stepsUnderLoad(o: {
  caddy: TestCaddy;
  host: string;
  pages: Pages;
  steps: LoadStep[];
}): Promise<PhaseCount[]> {
  const loop = loadLoop(o.caddy, o.host, o.pages);
  let failure: unknown;
  try {
    for (const [phase, call] of o.steps) {
      loop.phase(phase);
      expectOk(phase, await call());
    }
    loop.phase("after");
    await new Promise((r) => setTimeout(r, 1000));
  } catch (err) {
    failure = err;
  }
  const counts = await loop.stop();
  if (failure) throw failure;
  return counts;
}

/** The deploy of a compose file and a scale of one service, as steps (`dev`: a member of the app's tenant). */
export const deployStep = (dev: ApiClient, appId: string, phase: string, compose: string): LoadStep => [
  phase,
  () => dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose } }),
];
export const scaleStep = (
  dev: ApiClient,
  appId: string,
  service: string,
  from: number,
  to: number,
): LoadStep => [`scale ${from} → ${to}`, () => dev.post(`/apps/${appId}/scale`, { service, replicas: to })];

/**
 * Under a load loop on `host`: redeploys `appId` with `next` (a compose file with a new image whose page is one of
 * `pages`), then scales `service` 1 → 3 → 1. Returns the counts per phase; the caller asserts or reports them.
 */
export const switchesUnderLoad = (o: {
  dev: ApiClient;
  appId: string;
  service: string;
  caddy: TestCaddy;
  host: string;
  pages: Pages;
  next: string;
}): Promise<PhaseCount[]> =>
  stepsUnderLoad({
    ...o,
    steps: [
      deployStep(o.dev, o.appId, "redeploy with a new image", o.next),
      scaleStep(o.dev, o.appId, o.service, 1, 3),
      scaleStep(o.dev, o.appId, o.service, 3, 1),
    ],
  });

export const describeCounts = (counts: PhaseCount[]) =>
  counts
    .map(
      (c) =>
        `${c.phase} (${c.ms} ms): ${c.failed} failed, ${c.resets} reset in the handshake, of ${c.total}${c.failures.length ? ` (${c.failures.join("; ")})` : ""}`,
    )
    .join("\n");
