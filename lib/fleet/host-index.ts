import type { Entry } from "@/lib/fleet/entry";

/**
 * A host's search texts joined in one string. A text filter then scans ~1,000 contiguous strings with indexOf
 * instead of touching 100,000 entry objects scattered over the heap (cache and TLB misses made that scan cost
 * ~50–250 ms per request on the 2-core VM); only matching entries are read.
 */
export type HostIndex = { blob: string; starts: number[]; entries: Entry[] };

const SEP = "\u0000";

export function buildHostIndex(containers: Iterable<Entry>): HostIndex {
  const entries = [...containers];
  const starts: number[] = [];
  let at = 0;
  for (const e of entries) {
    starts.push(at);
    at += e.search.length + 1;
  }
  return { blob: entries.map((e) => e.search).join(SEP), starts, entries };
}

/** Appends to `out` the entries whose search text contains `text` (already lower-cased), each once. */
export function searchHostIndex(index: HostIndex, text: string, out: Entry[]) {
  if (!text || text.includes(SEP)) return;
  const { blob, starts, entries } = index;
  for (let i = blob.indexOf(text); i >= 0; ) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    out.push(entries[lo]);
    if (lo + 1 >= starts.length) break;
    i = blob.indexOf(text, starts[lo + 1]);
  }
}
