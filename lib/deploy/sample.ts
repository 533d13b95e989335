import "server-only";
// The "deploy the sample" source: examples/voting-app/docker-compose.yml. Its build: keys (there so
// `docker-compose build` works on the examples) are dropped: they are relative paths, which compose
// deploys refuse (a build: context must be a git repository), and the images are pre-built locally
// by scripts/services/images.sh.
import fs from "node:fs/promises";
import path from "node:path";
import { stripBuildKeys } from "./strip-build";

export const SAMPLE_APP_NAME = "voting-app";
const SAMPLE_PATH = path.join(process.cwd(), "examples", "voting-app", "docker-compose.yml");

export async function readSampleCompose(): Promise<string> {
  return stripBuildKeys(await fs.readFile(SAMPLE_PATH, "utf8"));
}
