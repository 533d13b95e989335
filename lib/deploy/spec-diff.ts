// What changed between two effective specs (two commits of a repository, or any two revisions), per service and
// key: what the plan of a push and the revision's message name.
import type { AppSpec } from "@/lib/compose/spec";
import type { SpecChangeView } from "@/lib/validations/app";

/** The API view (lib/validations/app.ts) is the one definition. */
export type SpecChange = SpecChangeView;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function specChanges(before: AppSpec | null, after: AppSpec): SpecChange[] {
  const old = before?.services ?? {};
  const out: SpecChange[] = [];
  for (const [name, svc] of Object.entries(after.services)) {
    const was = old[name];
    if (!was) {
      out.push({ service: name, change: "added", keys: [] });
      continue;
    }
    // A service that builds gets a new image at every deploy: its image and build are not compared here.
    const built = (k: string) => !!svc.build && (k === "image" || k === "build");
    const keys = [...new Set([...Object.keys(was), ...Object.keys(svc)])]
      .filter((k) => !built(k) && !same(was[k as keyof typeof was], svc[k as keyof typeof svc]))
      .sort();
    if (keys.length > 0) out.push({ service: name, change: "changed", keys });
  }
  for (const name of Object.keys(old))
    if (!(name in after.services)) out.push({ service: name, change: "removed", keys: [] });
  return out;
}

/** "web: environment, image; db: added" — for a revision's message. */
export const describeChanges = (changes: SpecChange[]) =>
  changes.length === 0
    ? "no service changed"
    : changes.map((c) => `${c.service}: ${c.change === "changed" ? c.keys.join(", ") : c.change}`).join("; ");
