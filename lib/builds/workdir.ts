import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { buildConfig } from "@/lib/builds/config";

/** A private temporary directory for one build's context; callers remove it in `finally`. */
export async function makeWorkdir(): Promise<string> {
  await fs.mkdir(buildConfig.tmpDir, { recursive: true });
  return fs.mkdtemp(path.join(buildConfig.tmpDir, "wharf-build-"));
}

export async function removeWorkdir(dir: string | null | undefined): Promise<void> {
  if (!dir) return;
  await fs
    .rm(dir, { recursive: true, force: true, maxRetries: 3 })
    .catch((err) => console.error(`[wharf] could not remove ${dir}`, err));
}
