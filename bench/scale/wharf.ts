// A fresh Wharf production server for the bench: its own build folder, a throw-away database, no local engine.
// Spawned as `node --import tsx server.ts` (one process, not tsx's wrapper) so /proc/<pid> is the server itself.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readDiagnostics, type DiagSample } from "./diag";
import { GC_TRACE_ARGS, readGcTrace, type GcSample } from "./gc-trace";
import { parseProcStatusKb } from "./stats";
import { onPostgres, testDatabase } from "../../tests/helpers/test-database";
import { serverEnv, serverNodeArgs } from "../../tests/helpers/wharf-server";

export const DIST_DIR = ".next-scale";

export type WharfProcess = {
  pid: number;
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
  dataDir: string;
  /** Date.now() when the process was spawned: --trace-gc times are ms since then (roughly). */
  spawnedAt: number;
  /** Full GCs so far (the server runs with --trace-gc; see gc-trace.ts). */
  gcs(): GcSample[];
  /** The server's once-a-second memory and event-loop lines so far (see diag.ts). */
  diagnostics(): DiagSample[];
  rss(): number;
  cpuSeconds(): number;
  stop(): Promise<void>;
};

/** Builds into <dir>/.next-scale when it has no build yet (about two minutes); `force` rebuilds. */
export function ensureBuild(dir: string, force = false) {
  if (!force && fs.existsSync(path.join(dir, DIST_DIR, "BUILD_ID"))) return;
  console.log(`[scale] building the production server into ${path.join(dir, DIST_DIR)} …`);
  execFileSync("npx", ["next", "build"], {
    cwd: dir,
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, DATABASE_URL: "file:./data/build.db" },
  });
}

/**
 * A clean copy of a commit (git archive) sharing this checkout's node_modules and generated Prisma client: the
 * bench measures exactly that commit, and half-written files in the working tree cannot break its build.
 */
export function commitSnapshot(rev: string): { dir: string; commit: string } {
  // The last commit that changed the product (not bench/ or docs/): a bench-only commit reuses the same build.
  const commit = execFileSync(
    "git",
    ["log", "-1", "--format=%h", rev, "--", ".", ":(exclude)bench", ":(exclude)docs"],
    { encoding: "utf8" },
  ).trim();
  const dir = path.join(os.tmpdir(), `wharf-scale-src-${commit}`);
  if (!fs.existsSync(path.join(dir, "package.json"))) {
    fs.mkdirSync(dir, { recursive: true });
    const tar = execFileSync("git", ["archive", "--format=tar", commit], { maxBuffer: 512 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", dir], { input: tar });
    fs.symlinkSync(path.resolve("node_modules"), path.join(dir, "node_modules"));
    // Both clients (SQLite and PostgreSQL: `npm run db:generate`); commits before the PostgreSQL twin had one.
    const pg = fs.existsSync(path.join(dir, "prisma", "postgres", "schema.prisma"));
    const generate = (args: string[]) =>
      execFileSync("npx", ["prisma", "generate", ...args], {
        cwd: dir,
        stdio: "ignore",
        env: { ...process.env, DATABASE_URL: "file:./data/build.db" },
      });
    generate([]);
    if (pg) generate(["--schema", "prisma/postgres/schema.prisma"]);
  }
  return { dir, commit };
}

export function readRss(pid: number): number {
  return parseProcStatusKb(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
}

/** utime + stime of a process, in seconds (clock ticks are 100 Hz on Linux). */
export function readCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export async function startWharf(
  port: number,
  cwd = process.cwd(),
  env: Record<string, string> = {},
  /** PostgreSQL: a fresh database on the test cluster (scripts/services/postgres.sh); default WHARF_TEST_DATABASE. */
  postgres = onPostgres(),
): Promise<WharfProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-scale-"));
  const adminEmail = "admin@wharf.test";
  const adminPassword = randomBytes(12).toString("base64url");
  // WHARF_SCALE_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (only).
  const extra = (process.env.WHARF_SCALE_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const spawnedAt = Date.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [...GC_TRACE_ARGS, ...serverNodeArgs(cwd), ...extra, "--import", "tsx", "server.ts"],
    {
      cwd,
      env: {
        // WHARF_TEST_DATABASE=postgres: the same bench on a fresh PostgreSQL database (issue 20).
        ...serverEnv({
          port,
          dataDir,
          databaseUrl: (await testDatabase(dataDir, postgres)).url,
          adminEmail,
          adminPassword,
        }),
        NEXT_DIST_DIR: DIST_DIR,
        WHARF_DIAGNOSTICS_MS: "1000",
        // A path that does not exist: the real engine must not join the simulated fleet.
        WHARF_LOCAL_DOCKER_SOCKET: path.join(dataDir, "no-docker.sock"),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const log = fs.createWriteStream(path.join(dataDir, "server.log"), { flags: "a" });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`Wharf exited early (${child.exitCode}); see ${dataDir}/server.log`);
    try {
      if ((await fetch(`${baseUrl}/api/v1/openapi.json`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Wharf did not start within 90 s; see ${dataDir}/server.log`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await fetch(`${baseUrl}/login`); // runs the start-up hooks (first admin, fleet)
  const pid = child.pid!;
  return {
    pid,
    baseUrl,
    adminEmail,
    adminPassword,
    dataDir,
    spawnedAt,
    gcs: () => readGcTrace(path.join(dataDir, "server.log")),
    diagnostics: () => readDiagnostics(path.join(dataDir, "server.log")),
    rss: () => readRss(pid),
    cpuSeconds: () => readCpuSeconds(pid),
    stop,
  };
}
