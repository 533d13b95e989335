import { CONTAINER_STATES, type ContainerState } from "@/lib/validations/fleet-views";

const UNIT_MS: Record<string, number> = {
  second: 1e3,
  minute: 60e3,
  hour: 3600e3,
  day: 86400e3,
  week: 7 * 86400e3,
  month: 30 * 86400e3,
  year: 365 * 86400e3,
};

/** Docker's units.HumanDuration text ("About a minute", "3 hours", "Less than a second") back to milliseconds. */
export function parseHumanDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === "less than a second") return 0;
  if (t === "about a minute") return UNIT_MS.minute;
  if (t === "about an hour") return UNIT_MS.hour;
  const m = /^(\d+) (second|minute|hour|day|week|month|year)s?$/.exec(t);
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

/**
 * Splits the list's Status ("Up 5 minutes (healthy)", "Exited (0) 2 hours ago") into a stable text
 * without the relative time, plus an approximate "since": a stored row must not go stale as time passes.
 */
export function splitListStatus(text: string, now: number): { status: string; since: number | null } {
  const m = /^(Up|Exited \(-?\d+\)|Restarting \(-?\d+\)) (.+?)( ago)?( \([^)]*\))?$/.exec(text.trim());
  if (!m) return { status: text.trim(), since: null };
  const ms = parseHumanDuration(m[2]);
  return { status: `${m[1]}${m[4] ?? ""}`, since: ms === null ? null : now - ms };
}

/** Status text for a state entered from an event or an inspect, in the engine's words. */
export function statusText(
  state: ContainerState,
  exitCode?: number | string | null,
  health?: string | null,
): string {
  switch (state) {
    case "running":
      return health && health !== "none" ? `Up (${health})` : "Up";
    case "paused":
      return "Up (Paused)";
    case "exited":
      return `Exited (${exitCode ?? 0})`;
    case "restarting":
      return `Restarting (${exitCode ?? 0})`;
    case "created":
      return "Created";
    case "removing":
      return "Removal In Progress";
    case "dead":
      return "Dead";
  }
}

/** The engine's state word as one of ours; anything else (or none) reads as dead. */
export const toState = (s: string | undefined): ContainerState =>
  CONTAINER_STATES.find((x) => x === s) ?? "dead";
