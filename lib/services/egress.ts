import "server-only";
import { type z } from "zod";
import { conflict, forbidden, notFound } from "@/lib/api/errors";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { entryText, forgetAllowList, listAllowRows } from "@/lib/egress/allow-list";
import { syncFirewall } from "@/lib/egress/firewall";
import type { EgressAllowInput } from "@/lib/validations/egress";

/** The egress allow-list is an admin's decision; the routes say so too (withAuth globalRole). */
function requireAdmin(actor: Actor) {
  if (!isAdmin(actor)) throw forbidden("Only admins manage the egress allow-list");
}

export async function listEgressAllow(actor: Actor) {
  requireAdmin(actor);
  return listAllowRows();
}

/** `entry` arrives canonical ("CIDR" or "CIDR:port") from EgressAllowEntry. */
export async function addEgressAllow(actor: Actor, input: z.infer<typeof EgressAllowInput>) {
  requireAdmin(actor);
  const m = /^(.*?)(?::(\d+))?$/.exec(input.entry.replace(/^(\[[^\]]+\]\/\d+)(.*)$/, "$1$2"))!;
  const [cidr, port] = [m[1], Number(m[2] ?? 0)];
  if (await db.egressAllow.findUnique({ where: { cidr_port: { cidr, port } } }))
    throw conflict(`${input.entry} is already on the allow-list`, { entry: "already on the list" });
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
