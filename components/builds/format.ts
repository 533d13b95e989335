import type { Build } from "@/lib/client/hooks/use-builds";

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** One line saying where the build's code came from. */
export function describeSource(b: Pick<Build, "sourceType" | "source" | "commit">): string {
  const s = b.source as Record<string, string | string[] | number>;
  if (b.sourceType === "git") return `${s.url}${s.ref ? ` @ ${s.ref}` : ""}`;
  if (b.sourceType === "upload") return `upload ${s.filename ?? ""}${s.archive ? ` (${s.archive})` : ""}`;
  const files = Array.isArray(s.files) ? s.files.length : 0;
  return `inline Dockerfile${files ? ` + ${files} file${files > 1 ? "s" : ""}` : ""}`;
}
