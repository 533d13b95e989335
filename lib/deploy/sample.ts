import "server-only";
// The "deploy the sample" source: examples/voting-app/docker-compose.yml for a host, docker-stack.yml
// (global vote, placement, host-mode ports) for a Swarm. The compose file's build: keys (there so
// `docker-compose build` works on the examples) are dropped: they are relative paths, which compose
// deploys refuse (a build: context must be a git repository), and the images are pre-built locally
// by scripts/services/images.sh.
import fs from "node:fs/promises";
import path from "node:path";
import { stripBuildKeys } from "./strip-build";

export const SAMPLE_APP_NAME = "voting-app";
const SAMPLE_DIR = path.join(process.cwd(), "examples", "voting-app");

export async function readSampleCompose(mode: "standalone" | "swarm" = "standalone"): Promise<string> {
  const file = mode === "swarm" ? "docker-stack.yml" : "docker-compose.yml";
  return stripBuildKeys(await fs.readFile(path.join(SAMPLE_DIR, file), "utf8"));
}
