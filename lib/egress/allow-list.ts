import "server-only";
import { db } from "@/lib/db";
import { parseAllowEntry, type AllowEntry } from "@/lib/policy/egress";
import type { EgressAllowView } from "@/lib/validations/egress";

/**
 * The admin allow-list: rows in EgressAllow plus the read-only entries of WHARF_EGRESS_ALLOW
 * (comma-separated CIDR[:port], for set-ups that need them before any admin signs in). Read on every
 * check through a small cache that each change clears; one server process is assumed.
 */
declare global {
  var wharfEgressAllow: Promise<AllowEntry[]> | undefined;
}
const g = globalThis;

export function envAllowEntries(): { text: string; entry: AllowEntry }[] {
  return (process.env.WHARF_EGRESS_ALLOW ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((s) => {
      const r = parseAllowEntry(s);
      if (!r.ok) {
        console.error(`[wharf] WHARF_EGRESS_ALLOW: ignoring "${s}": ${r.reason}`);
        return [];
      }
      return [{ text: r.text, entry: r.entry }];
    });
}

/** Stored rows as the canonical "CIDR[:port]" text. */
export const entryText = (r: { cidr: string; port: number }) => (r.port ? `${r.cidr}:${r.port}` : r.cidr);

export async function listAllowRows(): Promise<EgressAllowView[]> {
  const rows = await db.egressAllow.findMany({ orderBy: { createdAt: "asc" } });
  return [
    ...envAllowEntries().map((e, i) => ({
      id: `env-${i}`,
      entry: e.text,
      note: "WHARF_EGRESS_ALLOW",
      source: "environment" as const,
      createdAt: null,
    })),
    ...rows.map((r) => ({
      id: r.id,
      entry: entryText(r),
      note: r.note,
      source: "admin" as const,
      createdAt: r.createdAt.toISOString(),
    })),
  ];
}

async function load(): Promise<AllowEntry[]> {
  const rows = await listAllowRows();
  return rows.flatMap((r) => {
    const p = parseAllowEntry(r.entry);
    return p.ok ? [p.entry] : [];
  });
}

export function allowList(): Promise<AllowEntry[]> {
  g.wharfEgressAllow ??= load().catch((err: unknown) => {
    g.wharfEgressAllow = undefined;
    throw err;
  });
  return g.wharfEgressAllow;
}

export function forgetAllowList() {
  g.wharfEgressAllow = undefined;
}
