import "server-only";
// The "deploy the sample" source: examples/voting-app/docker-compose.yml. Its build: keys (there so
// `docker-compose build` works on the examples) are dropped — compose deploys refuse build: and the
// images are built offline by scripts/services/images.sh.
import fs from "node:fs/promises";
import path from "node:path";
import { stripBuildKeys } from "./strip-build";

export const SAMPLE_APP_NAME = "voting-app";
const SAMPLE_PATH = path.join(process.cwd(), "examples", "voting-app", "docker-compose.yml");

export async function readSampleCompose(): Promise<string> {
  return stripBuildKeys(await fs.readFile(SAMPLE_PATH, "utf8"));
}
