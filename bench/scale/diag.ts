// Reads the server's `[wharf-diag] {json}` lines (lib/server-diagnostics.ts, one a second with WHARF_DIAGNOSTICS_MS):
// memory by kind, to tell V8 heap sizing from native growth, and the server's own event-loop delay, to tell its
// stalls from slow sockets or a starved bench.
import fs from "node:fs";

export type DiagSample = {
  at: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Per V8 space: [committed, used] MiB. */
  spaces: Record<string, [number, number]>;
  loopP99Ms: number;
  loopMaxMs: number;
};

const PREFIX = "[wharf-diag] ";

export function parseDiagnostics(text: string): DiagSample[] {
  const out: DiagSample[] = [];
  for (const line of text.split("\n"))
    if (line.startsWith(PREFIX)) out.push(JSON.parse(line.slice(PREFIX.length)) as DiagSample);
  return out;
}

export const readDiagnostics = (logFile: string) =>
  parseDiagnostics(fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "");

/** The server's event-loop delay over [from, to] (ms since epoch): the worst per-second p99 and the max. */
export function loopDelayBetween(
  samples: DiagSample[],
  from: number,
  to: number,
): { p99: number; max: number } | null {
  const inside = samples.filter((s) => s.at > from && s.at <= to + 1_000);
  if (!inside.length) return null;
  return {
    p99: Math.max(...inside.map((s) => s.loopP99Ms)),
    max: Math.max(...inside.map((s) => s.loopMaxMs)),
  };
}
