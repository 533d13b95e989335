/**
 * Stopping on SIGTERM/SIGINT without failing a request (issue 20; docs/database.md, "Rolling restart"). Behind a
 * load balancer (HAProxy, scripts/ha/haproxy.cfg) an instance that closed at once would still be sent requests until
 * the health checks noticed, and would cut those it was serving. So, in order:
 * 1. drain: the readiness endpoint answers 503 with `X-Wharf-Draining` (lib/ops/readiness.ts) while everything else
 *    is served as before, for `drainMs`: the time the balancer's health checks take to send nothing new here
 *    (HAProxy: the draining answer puts the server in its soft-stop state at the next check, `inter`);
 * 2. close: any new request is answered 503 `unavailable` with `Connection: close`; the SSE streams end, so their
 *    browsers reconnect through the balancer to another instance and resume from a snapshot; requests in flight and
 *    this process's work (deploy leases, running builds) get up to `timeoutMs` to finish; idle keep-alive connections
 *    are closed. The listener stays open until the end: a balancer whose checks were refused would mark the instance
 *    down, and HAProxy then cuts every session still open on it (`on-marked-down shutdown-sessions`).
 * 3. release: what this process still holds is handed over (lib/startup.ts `wharfDrain.release`): deploy leases
 *    expired, its builds failed, the event log's writer lock unlocked, so another instance takes over now rather
 *    than after a lease; then exit 0.
 * A second SIGINT (Ctrl-C twice) exits at once.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { IncomingMessage, Server, ServerResponse } from "node:http";

export type StopSettings = { drainMs: number; timeoutMs: number };

/** HAProxy's checks in scripts/ha/haproxy.cfg: `inter 1s fall 2`. */
const CHECK_INTER_MS = 1000;
const CHECK_FALL = 2;
/**
 * The default drain behind a proxy: up to one `inter` until the next check starts, then `fall` checks (a balancer that
 * marks the instance down on any non-200) or one (HAProxy with the draining rule): (fall + 1) × inter.
 */
export const PROXY_DRAIN_MS = (CHECK_FALL + 1) * CHECK_INTER_MS;
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * WHARF_SHUTDOWN_DRAIN_MS, else PROXY_DRAIN_MS when a trusted proxy is configured (WHARF_TRUSTED_PROXIES: the
 * instance is behind a balancer) and 0 without one, so a lone server stops at once on Ctrl-C;
 * WHARF_SHUTDOWN_TIMEOUT_MS (10 s) bounds the wait for requests in flight.
 */
export function stopSettings(env: Record<string, string | undefined> = process.env): StopSettings {
  const ms = (v: string | undefined) =>
    v?.trim() && Number.isFinite(Number(v)) ? Math.max(0, Number(v)) : undefined;
  const proxied = (env.WHARF_TRUSTED_PROXIES ?? "").split(",").some((s) => s.trim());
  return {
    drainMs: ms(env.WHARF_SHUTDOWN_DRAIN_MS) ?? (proxied ? PROXY_DRAIN_MS : 0),
    timeoutMs: ms(env.WHARF_SHUTDOWN_TIMEOUT_MS) ?? DEFAULT_TIMEOUT_MS,
  };
}

/** What the Next.js bundle's side does while the process stops (set by a start-up hook, lib/startup.ts). */
export type DrainHooks = {
  /** Ends the streams whose clients reconnect on their own (SSE); returns how many. */
  endStreams: () => number;
  /** Work of this process that is not a request: deploy leases held, builds running. */
  busy: () => number;
  /** Hands over what this process still holds (leases, builds, the event log's writer lock). */
  release: () => Promise<void>;
};

declare global {
  /** Set on SIGTERM/SIGINT: the readiness endpoint answers 503 draining (lib/ops/readiness.ts). */
  var wharfStopping: boolean | undefined;
  var wharfDrain: DrainHooks | undefined;
}

const READY_PATH = "/api/v1/ready";
/** The API's error shape (lib/api/errors.ts `errorBody`), written out: server.ts cannot load server-only modules. */
const REFUSED = JSON.stringify({
  error: {
    code: "unavailable",
    message: "This Wharf instance is stopping; send the request again",
    retryAfter: 1,
  },
});

export function gracefulStop(server: Server, settings: StopSettings, onExit: () => void) {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  server.on("request", (_req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
  });

  const log = (text: string) => console.log(`[wharf] stopping: ${text}`);
  const stop = async (signal: string) => {
    const started = Date.now();
    globalThis.wharfStopping = true;
    if (settings.drainMs > 0) {
      log(
        `${signal}: readiness answers 503; serving ${settings.drainMs} ms more while the balancer takes this instance out`,
      );
      await sleep(settings.drainMs);
    }
    closing = true;
    const streams = globalThis.wharfDrain?.endStreams() ?? 0;
    const deadline = Date.now() + settings.timeoutMs;
    const busy = () => inFlight.size + (globalThis.wharfDrain?.busy() ?? 0);
    // A connection whose last response just ended is idle: closed at once (the balancer sends nothing here now).
    while (busy() > 0 && Date.now() < deadline) {
      server.closeIdleConnections();
      await sleep(50);
    }
    const cut = inFlight.size;
    server.closeAllConnections();
    await Promise.race([globalThis.wharfDrain?.release(), sleep(5_000)]).catch((err: unknown) =>
      console.error("[wharf] stopping: handing over leases and locks failed", err),
    );
    log(
      `${streams} stream(s) ended, ${cut ? `${cut} request(s) cut at the ${settings.timeoutMs} ms bound` : "every request answered"}; exit after ${Date.now() - started} ms`,
    );
    server.close();
    onExit();
  };

  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      if (!stopping) {
        stopping = true;
        void stop(signal).catch((err: unknown) => {
          console.error("[wharf] stopping failed", err);
          onExit();
        });
      } else if (signal === "SIGINT") onExit(); // Ctrl-C twice: now
    });

  /** Server.ts calls this first on every request: true when it was refused because the process is closing. */
  return function refused(req: IncomingMessage, res: ServerResponse): boolean {
    if (!closing) return false;
    res.setHeader("connection", "close");
    if (req.url?.split("?")[0] === READY_PATH) return false; // still answered: 503 draining, from the readiness route
    res.writeHead(503, {
      "content-type": "application/json",
      "retry-after": "1",
      "content-length": Buffer.byteLength(REFUSED),
    });
    res.end(REFUSED);
    return true;
  };
}
