// The authenticated registry of scripts/services/registry.sh (started if needed) and its credentials.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type Docker from "dockerode";

const ENV_FILE = path.join(process.env.WHARF_TEST_STATE_DIR ?? "/run/wharf-test", "registry.env");

export function startedRegistry(): { user: string; password: string; addr: string } {
  execFileSync("bash", ["scripts/services/registry.sh", "start"], { stdio: "ignore" });
  const env = Object.fromEntries(
    fs
      .readFileSync(ENV_FILE, "utf8")
      .trim()
      .split("\n")
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  return {
    user: env.REGISTRY_USER,
    password: env.REGISTRY_PASSWORD,
    addr: env.REGISTRY_ADDR ?? "127.0.0.1:5050",
  };
}

/** An image with content of its own (so its id is not the base's): a committed container that wrote a file. */
export async function commitImage(engine: Docker, repo: string, tag: string, base = "wharf-busybox:latest") {
  const c = await engine.createContainer({ Image: base, Cmd: ["sh", "-c", `echo ${repo} > /marker`] });
  await c.start();
  await c.wait();
  await c.commit({ repo, tag });
  await c.remove();
}
