// The authenticated registry of scripts/services/registry.sh (started if needed) and its credentials.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { readEnvFile, STATE_DIR } from "./env-file";
import type { ApiClient } from "./api-client";
import type Docker from "dockerode";

const ENV_FILE = path.join(STATE_DIR, "registry.env");

export function startedRegistry(): { user: string; password: string; addr: string } {
  execFileSync("bash", ["scripts/services/registry.sh", "start"], { stdio: "ignore" });
  const env = readEnvFile(ENV_FILE);
  return {
    user: env.REGISTRY_USER,
    password: env.REGISTRY_PASSWORD,
    addr: env.REGISTRY_ADDR ?? "127.0.0.1:5050",
  };
}

/**
 * `client` registers the test registry (`reg`, from startedRegistry) as `name` for the tenant through the API, with
 * its credentials unless `o.password` says otherwise, at its address unless `o.url` does; the API's answer.
 */
export function postRegistry(
  client: ApiClient,
  tenantId: string,
  name: string,
  reg: { user: string; password: string; addr: string },
  o: { url?: string; password?: string } = {},
) {
  const url = o.url ?? reg.addr;
  return client.post("/registries", {
    tenantId,
    name,
    url,
    username: reg.user,
    password: o.password ?? reg.password,
  });
}

/** An image with content of its own (so its id is not the base's): a committed container that wrote a file. */
export async function commitImage(engine: Docker, repo: string, tag: string, base = "wharf-busybox:latest") {
  const c = await engine.createContainer({ Image: base, Cmd: ["sh", "-c", `echo ${repo} > /marker`] });
  await c.start();
  await c.wait();
  await c.commit({ repo, tag });
  await c.remove();
}
