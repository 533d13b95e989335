import "server-only";
// The "deploy the sample" source: examples/voting-app/docker-compose.yml. Its build: keys (there so
// `docker-compose build` works on the examples) are dropped — compose deploys refuse build: and the
// images are built offline by scripts/services/images.sh.
import fs from "node:fs/promises";
import path from "node:path";
import { isMap, parseDocument } from "yaml";

export const SAMPLE_APP_NAME = "voting-app";
const SAMPLE_PATH = path.join(process.cwd(), "examples", "voting-app", "docker-compose.yml");

export function stripBuildKeys(text: string): string {
  const doc = parseDocument(text);
  const services = doc.get("services");
  if (!isMap(services)) return text;
  for (const item of services.items) if (isMap(item.value) && item.value.has("image")) item.value.delete("build");
  return doc.toString();
}

export async function readSampleCompose(): Promise<string> {
  return stripBuildKeys(await fs.readFile(SAMPLE_PATH, "utf8"));
}
