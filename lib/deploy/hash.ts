// Content hashes stamped on what Wharf creates (label wharf.spec-hash), so the planner can tell
// "same spec" from "changed" without reading back and re-deriving every engine field.
import { createHash } from "node:crypto";
import { isRaw } from "@/lib/compose/raw";
import type { NetworkSpec, ServiceSpec } from "@/lib/compose/spec";

/** JSON with sorted keys and no undefined values: the same spec always gives the same text. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => stableStringify(v ?? null)).join(",")}]`;
  if (isRaw(value)) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/** Replicas and domains are left out: scaling or routing never replaces the replicas that already run. */
export function serviceHash(name: string, svc: ServiceSpec, mode: string): string {
  const { replicas: _replicas, domains: _domains, ...rest } = svc;
  return digest(stableStringify({ name, mode, svc: rest }));
}

export function networkHash(net: NetworkSpec, mode: string): string {
  return digest(stableStringify({ mode, net }));
}
