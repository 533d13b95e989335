// The state files scripts/services/*.sh write (`KEY=value` lines: a service's address, port, credentials).
import fs from "node:fs";

/** The folder of those files (WHARF_TEST_STATE_DIR, else /run/wharf-test). */
export const STATE_DIR = process.env.WHARF_TEST_STATE_DIR ?? "/run/wharf-test";

/** A state file's `KEY=value` lines as a record (the value is everything after the first `=`). */
export function readEnvFile(file: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}
