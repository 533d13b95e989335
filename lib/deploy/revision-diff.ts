// Two revisions side by side: which services a rollback would add, remove or change (the planner's field
// comparison), and a line diff of their effective compose files. Pure: the revision endpoint shows both.
import type { AppSpec } from "@/lib/compose/spec";
import { changedFields } from "./plan";

export type DiffLine = { op: "same" | "add" | "remove"; text: string };
export type ServiceChange = {
  service: string;
  change: "added" | "removed" | "changed" | "unchanged";
  /** Top-level fields that differ (replicas included), for a changed service. */
  fields: string[];
};

/** Past this many cells the middle of the two texts is shown as replaced, not aligned line by line. */
const MAX_CELLS = 4_000_000;

/** `before` → `after` as a line diff (longest common subsequence), common head and tail matched first. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  if (a.at(-1) === "") a.pop();
  if (b.at(-1) === "") b.pop();
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const same = (lines: string[]) => lines.map((text): DiffLine => ({ op: "same", text }));
  const middle = alignMiddle(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [...same(a.slice(0, head)), ...middle, ...same(a.slice(a.length - tail))];
}

function alignMiddle(a: string[], b: string[]): DiffLine[] {
  const removed = (text: string): DiffLine => ({ op: "remove", text });
  const added = (text: string): DiffLine => ({ op: "add", text });
  if (a.length * b.length > MAX_CELLS) return [...a.map(removed), ...b.map(added)];
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..], in one flat array.
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * w + j] =
        a[i] === b[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: "same", text: a[i] });
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) out.push(removed(a[i++]));
    else out.push(added(b[j++]));
  }
  return [...out, ...a.slice(i).map(removed), ...b.slice(j).map(added)];
}

/** Service by service, what going from `before` to `after` changes. */
export function serviceChanges(before: AppSpec | null, after: AppSpec): ServiceChange[] {
  const changes: ServiceChange[] = Object.entries(after.services).map(([service, svc]) => {
    const old = before?.services[service];
    if (!old) return { service, change: "added", fields: [] };
    const fields = changedFields(old, svc);
    if (old.replicas !== svc.replicas) fields.push("replicas");
    return { service, change: fields.length ? "changed" : "unchanged", fields: fields.sort() };
  });
  for (const service of Object.keys(before?.services ?? {}))
    if (!(service in after.services)) changes.push({ service, change: "removed", fields: [] });
  return changes;
}
