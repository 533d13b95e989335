// Scrubbing a stream (a build's log) of known secret strings and URL passwords. A secret can arrive split
// across two chunks, so the tail of each chunk that could be the start of a secret (or an unfinished URL
// with credentials) is held back until the next chunk shows what it is, or the stream ends.
import { scrubText } from "./model";

/** Longest held tail: an unfinished URL longer than this is let through (masked by what is known so far). */
const MAX_URL_TAIL = 2048;
const URL_TAIL = /[a-z][a-z0-9+.-]*:\/\/\S*$/i;

export class StreamScrubber {
  private pending = "";
  private readonly secrets: string[];
  /** Longest first, so that a secret containing another is masked whole. */
  constructor(secrets: readonly string[]) {
    this.secrets = [...new Set(secrets)].filter(Boolean).sort((a, b) => b.length - a.length);
  }

  /** The part of `text` (after what was held back) that is safe to emit now. */
  push(text: string): string {
    const buf = this.scrub(this.pending + text);
    const hold = Math.max(this.secretPrefixTail(buf), urlTail(buf));
    this.pending = buf.slice(buf.length - hold);
    return buf.slice(0, buf.length - hold);
  }

  /** Whatever is still held back: it is no secret (every whole one was already replaced). */
  end(): string {
    const rest = this.pending;
    this.pending = "";
    return rest;
  }

  /** One-shot scrub of a whole text (an error message). */
  scrub(text: string): string {
    return scrubText(text, this.secrets);
  }

  private secretPrefixTail(buf: string): number {
    let hold = 0;
    for (const s of this.secrets)
      for (let k = Math.min(s.length - 1, buf.length); k > hold; k--)
        if (buf.endsWith(s.slice(0, k))) {
          hold = k;
          break;
        }
    return hold;
  }
}

function urlTail(buf: string): number {
  const m = URL_TAIL.exec(buf.slice(-MAX_URL_TAIL));
  return m && m[0].length < MAX_URL_TAIL ? m[0].length : 0;
}
