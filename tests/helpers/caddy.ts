// A Caddy of the test's own (scripts/services/caddy.sh on free ports, its own data folder and internal CA), and
// curl through it with --resolve, trusting only that CA.
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { readEnvFile, STATE_DIR } from "./env-file";
import { freePort } from "../deploy/helpers";

const run = promisify(execFile);

export type TestCaddy = {
  adminUrl: string;
  httpPort: number;
  httpsPort: number;
  rootCa: string;
  /** What Wharf's server needs to program it. */
  env: Record<string, string>;
  start: () => void;
  stop: () => void;
};

export async function startedCaddy(): Promise<TestCaddy> {
  const [adminPort, httpPort, httpsPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-caddy-"));
  const scriptEnv = {
    ...process.env,
    WHARF_TEST_CADDY_ADMIN_PORT: String(adminPort),
    WHARF_TEST_CADDY_HTTP_PORT: String(httpPort),
    WHARF_TEST_CADDY_HTTPS_PORT: String(httpsPort),
    WHARF_CADDY_DATA_DIR: dataDir,
  };
  const script = (cmd: string) =>
    execFileSync("bash", ["scripts/services/caddy.sh", cmd], { env: scriptEnv, stdio: "inherit" });
  script("start");
  const vars = readEnvFile(path.join(STATE_DIR, `caddy-${adminPort}.env`));
  return {
    adminUrl: vars.WHARF_EDGE_ADMIN_URL,
    httpPort,
    httpsPort,
    rootCa: vars.WHARF_EDGE_ROOT_CA,
    env: {
      WHARF_EDGE_ADMIN_URL: vars.WHARF_EDGE_ADMIN_URL,
      WHARF_EDGE_HTTP_PORT: String(httpPort),
      WHARF_EDGE_HTTPS_PORT: String(httpsPort),
      WHARF_EDGE_ACCESS_LOG: vars.WHARF_EDGE_ACCESS_LOG,
      WHARF_EDGE_SYNC_MS: "1000",
      // Replaced routed replicas drain this long (default 5 s): the tests' requests take milliseconds.
      WHARF_EDGE_DRAIN_MS: "1000",
    },
    start: () => script("start"),
    stop: () => script("stop"),
  };
}

export type CurlAnswer = { status: number; body: string; location: string };

/** GET `https://host:port/path` (or http) through the test Caddy on loopback, as a browser at that name would
 * (`extra`: more curl arguments, e.g. `-u user:password`). */
export async function curl(caddy: TestCaddy, url: string, extra: string[] = []): Promise<CurlAnswer> {
  const u = new URL(url);
  const port = u.port || (u.protocol === "https:" ? "443" : "80");
  try {
    const { stdout } = await run("curl", [
      "-sS",
      "--max-time",
      "5",
      "--resolve",
      `${u.hostname}:${port}:127.0.0.1`,
      "--cacert",
      caddy.rootCa,
      "-w",
      "\n%{http_code} %{redirect_url}",
      ...extra,
      url,
    ]);
    const cut = stdout.lastIndexOf("\n");
    const [status, location = ""] = stdout.slice(cut + 1).split(" ");
    return { status: Number(status), body: stdout.slice(0, cut), location };
  } catch (err) {
    return { status: 0, body: err instanceof Error ? err.message : String(err), location: "" };
  }
}
