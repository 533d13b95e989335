import { z } from "zod";
import { parseJsonAs } from "@/lib/validations/common";

// Caddy's JSON access log, the source of the per-domain traffic figures (Debian's Caddy 2.6 has no per-host
// metrics). Pure: the logging part of the config (hooked into caddyConfig) and the parsing of one log line.
// Caddy writes the log to a file Wharf tails (lib/edge/traffic.ts): a file, not a network writer, so the config
// is the same for every Wharf instance on the machine and a Caddy without Wharf listening never fails to load.

/** Access logs of Wharf's servers are written by this logger (`http.log.access.<name>`). */
const LOGGER = "wharf";
const INCLUDE = `http.log.access.${LOGGER}`;

/** The server-level switch that turns access logging on, under one logger name. */
export const serverLogs = { default_logger_name: LOGGER } as const;

/** Caddy's `logging` section: the access log to `file` (rolled at 10 MB, one old file kept), nothing else. */
export function accessLogging(file: string) {
  return {
    logs: {
      // Caddy's own messages stay where they were (stderr); only the access lines go to the file.
      default: { exclude: [INCLUDE] },
      "wharf-access": {
        writer: { output: "file", filename: file, roll_size_mb: 10, roll_keep: 1 },
        encoder: { format: "json" },
        include: [INCLUDE],
      },
    },
  };
}

export type AccessEntry = {
  /** Unix seconds. */
  ts: number;
  host: string;
  /** The path, without the query. */
  path: string;
  status: number;
  durationMs: number;
};

const Line = z.object({
  logger: z.literal(INCLUDE),
  ts: z.number(),
  request: z.object({ host: z.string(), uri: z.string() }),
  status: z.number().optional(),
  duration: z.number(),
});

/** One access-log line, or null when it is not one of ours (another logger, a torn line, a wrong shape). */
export function parseAccessLine(line: string): AccessEntry | null {
  const e = parseJsonAs(Line, line);
  if (!e) return null;
  const cut = e.request.uri.search(/[?#]/);
  return {
    ts: e.ts,
    host: e.request.host.toLowerCase().replace(/:\d+$/, ""),
    path: cut < 0 ? e.request.uri : e.request.uri.slice(0, cut),
    // Caddy logs 0 when no handler set a status: the client got a 200.
    status: e.status ? e.status : 200,
    durationMs: e.duration * 1000,
  };
}
