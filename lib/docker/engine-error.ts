import "server-only";

/** The engine's own sentence for a failed call ("port is already allocated", "No such image: …"). */
export function engineMessage(err: unknown): string {
  const e = err as { json?: { message?: string }; reason?: string; message?: string; statusCode?: number };
  const text = e?.json?.message ?? e?.message ?? String(err);
  return text.replace(/^\(HTTP code \d+\) [a-z ]+ - /i, "").trim();
}

export const isNotFound = (err: unknown) => (err as { statusCode?: number })?.statusCode === 404;
