import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { freePort } from "./free-port";
import { onPostgres, testDatabase } from "./test-database";

/** The offline stand-ins scripts/services/images.sh tags, shared at start-up as scripts/run.sh does. */
export function standIns(): string {
  return fs
    .readFileSync(path.resolve("scripts/services/shared-images.txt"), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .join(",");
}

/**
 * An empty database with every migration applied, made once per set of migrations and copied for each new server:
 * `prisma migrate deploy` (a CLI start plus every migration) cost each of the suite's ~60 server starts seconds.
 * Servers restarted on an existing data dir still migrate at start, as an installation does.
 */
function migratedTemplate(): string {
  const dir = path.resolve("prisma/migrations");
  const hash = createHash("sha256");
  for (const name of fs.readdirSync(dir, { recursive: true }).map(String).sort()) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) hash.update(name).update(fs.readFileSync(file));
  }
  const template = path.join(os.tmpdir(), `wharf-migrated-${hash.digest("hex").slice(0, 16)}.db`);
  if (fs.existsSync(template)) return template;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-template-"));
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(scratch, "wharf.db")}` },
    stdio: "ignore",
  });
  fs.renameSync(path.join(scratch, "wharf.db"), template); // atomic: a half-written template is never seen
  fs.rmSync(scratch, { recursive: true, force: true });
  return template;
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type WharfServer = {
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
  dataDir: string;
  /** DATABASE_URL of this server: tests that read the database directly check it (SQLite file or PostgreSQL). */
  databaseUrl: string;
  /** SIGTERM, resolved once the server exited (its graceful stop: lib/graceful-stop.ts), with how it exited. */
  stop: () => Promise<Exit>;
  /** kill -9 of the server and any process under it: a crash, no clean-up. */
  kill: () => Promise<void>;
  /** SIGSTOP (true) or SIGCONT (false) of the same processes: a frozen instance, its sockets open but silent. */
  freeze: (frozen: boolean) => void;
};

/** A process and every process under it, children first (from /proc: a server may have started processes). */
function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .split(" ")
      .filter(Boolean)
      .map(Number);
  } catch {
    /* gone already */
  }
  return [...children.flatMap(processTree), pid];
}

/**
 * The environment of a throw-away production server: its own port, database (a SQLite file, or a fresh PostgreSQL
 * database with WHARF_TEST_DATABASE=postgres: tests/helpers/test-database.ts), secret key and first admin.
 */
export function serverEnv(o: {
  port: number;
  dataDir: string;
  databaseUrl: string;
  adminEmail: string;
  adminPassword: string;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(o.port),
    HOST: "127.0.0.1",
    DATABASE_URL: o.databaseUrl,
    WHARF_SECRET_KEY_FILE: path.join(o.dataDir, "secret.key"),
    WHARF_ADMIN_EMAIL: o.adminEmail,
    WHARF_ADMIN_PASSWORD: o.adminPassword,
    WHARF_LOGIN_MAX_FAILURES_PER_ADDRESS: "100000",
    WHARF_SHARED_IMAGES: standIns(),
  };
}

/**
 * Node's flags for the server, from package.json's `config.serverNodeArgs` (what `npm start`, scripts/run.sh and
 * scripts/ha.sh pass): a 64 MiB semi-space, so that less of the event churn reaches the old generation whose full
 * GCs stall the fan-out (docs/scale.md, "Session 18"). `cwd`: the checkout whose server is started (the scale bench
 * measures other commits with their own flags); none when its package.json has none.
 */
export function serverNodeArgs(cwd = process.cwd()): string[] {
  const pkg = z
    .object({ config: z.object({ serverNodeArgs: z.string().optional() }).optional() })
    .parse(JSON.parse(fs.readFileSync(path.join(cwd, "package.json"), "utf8")));
  return (pkg.config?.serverNodeArgs ?? "").split(" ").filter(Boolean);
}

/**
 * Starts the real production server (`.next` must be built) on its own port with a fresh database (tests/helpers/test-database.ts),
 * so tests exercise the same code path as a user: HTTP in, Prisma and the engine behind.
 */
export async function startWharfServer(
  opts: { port?: number; env?: Record<string, string>; dataDir?: string; adminPassword?: string } = {},
): Promise<WharfServer> {
  const port = opts.port ?? (await freePort());
  // Reusing a data dir restarts "the same" installation (sessions, keys and data survive).
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "wharf-test-"));
  const fresh = !opts.dataDir;
  // SQLite: a copy of the migrated file; PostgreSQL: a copy of the migrated template database (test-database.ts).
  const database = await testDatabase(dataDir);
  if (fresh && !onPostgres()) fs.copyFileSync(migratedTemplate(), path.join(dataDir, "wharf.db"));
  const premigrated = onPostgres() ? database.migrated : fresh;
  const adminEmail = "admin@wharf.test";
  const adminPassword = opts.adminPassword ?? randomBytes(12).toString("base64url");
  // One process, as scripts/run.sh starts it (node --import tsx): tsx's wrapper would kill a server that answered its
  // relayed SIGTERM later than 60 ms, and `stop` checks the server's own graceful stop (lib/graceful-stop.ts).
  const child: ChildProcess = spawn(process.execPath, [...serverNodeArgs(), "--import", "tsx", "server.ts"], {
    cwd: process.cwd(),
    env: {
      ...serverEnv({ port, dataDir, databaseUrl: database.url, adminEmail, adminPassword }),
      ...(premigrated ? { WHARF_MIGRATE: "0" } : {}),
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = fs.createWriteStream(path.join(dataDir, "server.log"), { flags: "a" });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  // Generous: on a loaded 2-core machine a cold production server can take well over a minute to answer.
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Wharf server exited early; see ${dataDir}/server.log`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/openapi.json`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`Wharf server did not start; see ${dataDir}/server.log`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // The first admin is created by the start-up hook, which runs on the first request; wait for it.
  await fetch(`${baseUrl}/login`);
  // A process killed by a signal keeps exitCode null (signalCode says which): both mean it is gone.
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async (): Promise<Exit> => {
    if (running()) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    return { code: child.exitCode, signal: child.signalCode };
  };
  const kill = async () => {
    if (!running() || !child.pid) return;
    const exited = new Promise((r) => child.once("exit", r));
    for (const pid of processTree(child.pid)) process.kill(pid, "SIGKILL");
    await exited;
  };
  const freeze = (frozen: boolean) => {
    if (!running() || !child.pid) return;
    for (const pid of processTree(child.pid)) process.kill(pid, frozen ? "SIGSTOP" : "SIGCONT");
  };
  return { baseUrl, adminEmail, adminPassword, dataDir, databaseUrl: database.url, stop, kill, freeze };
}

/**
 * Another instance of `first`'s installation: its own port and data dir, the same database (PostgreSQL: the same
 * database; SQLite: the same file) and the same server key, as a second machine behind a load balancer would be.
 */
export async function startAnotherInstance(
  first: WharfServer,
  env: Record<string, string> = {},
): Promise<WharfServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-test-"));
  fs.copyFileSync(path.join(first.dataDir, "secret.key"), path.join(dataDir, "secret.key"));
  if (onPostgres())
    fs.copyFileSync(path.join(first.dataDir, "postgres-database"), path.join(dataDir, "postgres-database"));
  const sqlite: Record<string, string> = onPostgres() ? {} : { DATABASE_URL: first.databaseUrl };
  return startWharfServer({ dataDir, adminPassword: first.adminPassword, env: { ...sqlite, ...env } });
}

/**
 * `n` instances of one new installation started at the same moment (one fresh database, one server key, one first
 * admin), as a cluster's first start: their start-up registrations race (issue 20).
 */
export async function startInstancesTogether(
  n: number,
  env: Record<string, string> = {},
): Promise<WharfServer[]> {
  const dirs = Array.from({ length: n }, () => fs.mkdtempSync(path.join(os.tmpdir(), "wharf-test-")));
  const key = randomBytes(32).toString("base64");
  for (const dir of dirs) fs.writeFileSync(path.join(dir, "secret.key"), key, { mode: 0o600 });
  const database = await testDatabase(dirs[0]); // the first data dir names the database; the others copy the name
  if (onPostgres())
    for (const dir of dirs.slice(1))
      fs.copyFileSync(path.join(dirs[0], "postgres-database"), path.join(dir, "postgres-database"));
  else fs.copyFileSync(migratedTemplate(), path.join(dirs[0], "wharf.db"));
  const sqlite: Record<string, string> = onPostgres() ? {} : { DATABASE_URL: database.url };
  const adminPassword = randomBytes(12).toString("base64url");
  return Promise.all(
    dirs.map((dataDir) => startWharfServer({ dataDir, adminPassword, env: { ...sqlite, ...env } })),
  );
}
