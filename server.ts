/**
 * Wharf's entry point: a small Node HTTP server around Next.js.
 * It exists for four reasons only — applying database migrations before anything serves, handing
 * WebSocket upgrades (the container console) to the handler that instrumentation.ts registers,
 * answering the fleet's hot read paths (counters, container list, event stream: lib/fleet/http.ts)
 * before Next.js routing, and stopping without failing a request (lib/graceful-stop.ts). Every other HTTP
 * request goes to Next.js (app/ routes).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { gracefulStop, stopSettings } from "./lib/graceful-stop";
import { keepProxyConnections } from "./lib/http-keepalive";
import { migratePostgres } from "./lib/postgres-migrations";
import { startDiagnostics } from "./lib/server-diagnostics";

const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";

process.env.DATABASE_URL ??= "file:./data/wharf.db";
fs.mkdirSync("data", { recursive: true });
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL);
// WHARF_MIGRATE=0: another process of this installation applies the migrations (several servers on one database;
// Prisma's migrate cannot run while another server holds the SQLite file open).
if (process.env.WHARF_MIGRATE !== "0") {
  if (onPostgres) {
    // Our own migrator (lib/postgres-migrations.ts): `prisma migrate deploy` fails through adapter-pg.
    const applied = await migratePostgres(process.env.DATABASE_URL);
    if (applied.length) console.log(`[wharf] PostgreSQL migrations applied: ${applied.join(", ")}`);
  } else {
    execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
}

// Set by start-up hooks inside the Next.js bundle, so they share its modules (database client, fleet cache);
// their types are declared in lib/startup.ts (wharfShutdown: lib/egress/startup.ts).
const handlers = globalThis;

/** On every response, whoever answers it (Next.js or a direct route). */
const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
};

if (process.env.WHARF_DIAGNOSTICS_MS) startDiagnostics(Number(process.env.WHARF_DIAGNOSTICS_MS));

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();

await app.prepare();
const server = createServer();
// SIGTERM/SIGINT: out of the balancer first, then the requests in flight end, then leases and locks are handed over.
const refused = gracefulStop(server, stopSettings(), () => {
  // Undo what Wharf set up on the host (the egress firewall's chain) before exiting.
  try {
    handlers.wharfShutdown?.();
  } finally {
    process.exit(0);
  }
});
server.on("request", (req, res) => {
  // Route handlers read the peer address from this header (set here, so a client cannot forge it).
  req.headers["x-wharf-remote-addr"] = req.socket.remoteAddress ?? "";
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (refused(req, res)) return; // stopping: no new work (lib/graceful-stop.ts)
  handlers.wharfObserve?.(req, res); // request latencies for /metrics (lib/metrics/http.ts)
  const toNext = () => void handle(req, res);
  if (handlers.wharfDirect?.(req, res, toNext)) return;
  toNext();
});
// A trusted proxy's idle connections stay open until the proxy closes them (HAProxy reuses them; see the module).
keepProxyConnections(server);
// Next.js attaches its own upgrade listener to this server (hot reload in dev); it also closes upgrades
// whose path matches an app route — so the console's WebSocket path must have no route.ts.
server.on("upgrade", (req, socket, head) => {
  if (handlers.wharfUpgrade?.(req, socket, head)) return;
  // No WebSocket lives here: a plain 404, not a reset (Next.js's dev listener handles its own paths).
  if (!dev) socket.end("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
});
server.listen(port, hostname, () =>
  console.log(`[wharf] listening on http://localhost:${port} (${dev ? "dev" : "production"})`),
);
