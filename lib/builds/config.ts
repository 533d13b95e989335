import "server-only";
import os from "node:os";

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** Build limits, read once from the environment (documented in docs/builds.md). */
export const buildConfig = {
  /** Uploaded archives and what they expand to, and inline contexts. */
  contextMaxBytes: num("WHARF_BUILD_CONTEXT_MAX_BYTES", 100 * 1024 * 1024),
  /** Stored log per build; the rest is dropped and the UI says so. */
  logMaxBytes: num("WHARF_BUILD_LOG_MAX_BYTES", 2 * 1024 * 1024),
  /** Builds running at once per tenant; the rest wait in the queue. */
  concurrencyPerTenant: num("WHARF_BUILD_CONCURRENCY", 2),
  gitTimeoutMs: num("WHARF_BUILD_GIT_TIMEOUT_MS", 120_000),
  gitDepth: num("WHARF_BUILD_GIT_DEPTH", 50),
  /** Temporary build contexts live under this folder, one `wharf-build-*` directory per build. */
  tmpDir: process.env.WHARF_BUILD_TMP_DIR || os.tmpdir(),
};

/** 65536 → "64 KiB", 104857600 → "100 MiB": how limits are stated in messages. */
export function formatLimit(n: number): string {
  if (n < 1024 * 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;
}
