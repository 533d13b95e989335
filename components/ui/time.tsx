"use client";
import { useSyncExternalStore } from "react";
import { formatAgo, formatTime } from "@/components/format";
import { Td } from "@/components/ui/table";

const never = () => () => {};
/**
 * False on the server and in the render that hydrates its HTML, true from then on: text the server cannot know (the
 * reader's locale and time zone) waits for it, so hydration never meets a mismatch.
 */
export const useHydrated = () =>
  useSyncExternalStore(
    never,
    () => true,
    () => false,
  );

/** "2026-12-03 11:40:05 UTC": the same on the server and in the browser, until the reader's own format replaces it. */
const utc = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;

/** An instant in the reader's locale and time zone (server-rendered pages show it in UTC until they hydrate). */
export function LocalTime({ iso }: { iso: string }) {
  const hydrated = useHydrated();
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return null;
  return <time dateTime={iso}>{hydrated ? formatTime(iso) : utc(new Date(ms).toISOString())}</time>;
}

/**
 * "12 s ago": the server's figure may be a second behind the browser's when the page hydrates; the next render (the
 * data's next refresh) brings it up to date, so that one difference is expected, not a mismatch.
 */
export function Ago({ at }: { at: string | number }) {
  const ms = typeof at === "number" ? at : Date.parse(at);
  return (
    <time dateTime={Number.isFinite(ms) ? new Date(ms).toISOString() : undefined} suppressHydrationWarning>
      {formatAgo(at)}
    </time>
  );
}

/** An instant as plain text (tooltips): UTC in the server's HTML, the reader's own format once hydrated. */
export function useInstantText(): (ms: number) => string {
  const hydrated = useHydrated();
  return (ms) => (hydrated ? new Date(ms).toLocaleString() : utc(new Date(ms).toISOString()));
}

/** An event log's "When" cell (the audit log, the timeline): the instant, small, on one line. */
export function WhenCell({ iso }: { iso: string }) {
  return (
    <Td className="text-xs whitespace-nowrap text-slate-500">
      <LocalTime iso={iso} />
    </Td>
  );
}
