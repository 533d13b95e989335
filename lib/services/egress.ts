import "server-only";
import { type z } from "zod";
import { conflict, forbidden, invalid, notFound } from "@/lib/api/errors";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { entryText, forgetAllowList, listAllowRows } from "@/lib/egress/allow-list";
import { syncFirewall } from "@/lib/egress/firewall";
import { parseAllowEntry } from "@/lib/policy/egress";
import type { EgressAllowInput, EgressAllowView } from "@/lib/validations/egress";

/** The egress allow-list is an admin's decision; the routes say so too (withAuth globalRole). */
function requireAdmin(actor: Actor) {
  if (!isAdmin(actor)) throw forbidden("Only admins manage the egress allow-list");
}

export async function listEgressAllow(actor: Actor): Promise<EgressAllowView[]> {
  requireAdmin(actor);
  return listAllowRows();
}

/** Stored as the canonical range and port, so "127.0.0.1:5000" and "127.0.0.1/32:5000" are one entry. */
export async function addEgressAllow(
  actor: Actor,
  input: z.infer<typeof EgressAllowInput>,
): Promise<EgressAllowView> {
  requireAdmin(actor);
  const parsed = parseAllowEntry(input.entry);
  if (!parsed.ok) throw invalid(`entry: ${parsed.reason}`, { entry: parsed.reason });
  const port = parsed.entry.port ?? 0;
  const cidr = port ? parsed.text.slice(0, parsed.text.lastIndexOf(":")) : parsed.text;
  if (await db.egressAllow.findUnique({ where: { cidr_port: { cidr, port } } }))
    throw conflict(`${parsed.text} is already on the allow-list`, { entry: "already on the list" });
  const row = await db.egressAllow.create({ data: { cidr, port, note: input.note, createdById: actor.id } });
  await applied();
  return (await listAllowRows()).find((r) => r.id === row.id)!;
}

export async function removeEgressAllow(actor: Actor, id: string) {
  requireAdmin(actor);
  const row = await db.egressAllow.findUnique({ where: { id } });
  if (!row) throw notFound("Allow-list entry");
  await db.egressAllow.delete({ where: { id } });
  await applied();
  return { id, entry: entryText(row) };
}

/** Every check reads the new list from here on, and the host firewall follows it. */
async function applied() {
  forgetAllowList();
  await syncFirewall();
}
