import "server-only";
// Networks and volumes an admin shares with one tenant (docs/security.md, "Compose"): that tenant's apps may
// then name them with `external: true`. Members of the tenant read the list; only admins change it.
import { conflict, forbidden, hostReadError, invalid, notFound } from "@/lib/api/errors";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import { requireTenantExists, requireTenantRole } from "@/lib/authz";
import { db } from "@/lib/db";
import { dockerFor } from "@/lib/docker/client";
import { hostConnection } from "@/lib/docker/host-connection";
import { networkExists } from "@/lib/docker/networks";
import { volumeExists } from "@/lib/docker/volumes";
import {
  SharedObjectKind,
  type SharedObjectInput,
  type SharedObjectView,
} from "@/lib/validations/shared-object";
import type { z } from "zod";

type Row = Awaited<ReturnType<typeof db.sharedEngineObject.findMany>>[number];

async function toViews(rows: Row[]): Promise<SharedObjectView[]> {
  const ids = [...new Set(rows.map((r) => r.createdById).filter((x): x is string => !!x))];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenantId,
    hostId: r.hostId,
    kind: SharedObjectKind.parse(r.kind),
    name: r.name,
    note: r.note,
    createdBy: r.createdById ? (email.get(r.createdById) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function listSharedObjects(actor: Actor, tenantId: string): Promise<SharedObjectView[]> {
  requireTenantRole(actor, tenantId, "viewer", "Tenant");
  return toViews(
    await db.sharedEngineObject.findMany({
      where: { tenantId },
      orderBy: [{ kind: "asc" }, { name: "asc" }],
    }),
  );
}

/** The object must exist on a host granted to the tenant: a share that no deploy could use is refused. */
export async function shareObject(
  actor: Actor,
  tenantId: string,
  input: z.output<typeof SharedObjectInput>,
): Promise<SharedObjectView> {
  if (!isAdmin(actor)) throw forbidden("Only an admin can share networks and volumes");
  await requireTenantExists(tenantId);
  const grant = await db.hostGrant.findUnique({
    where: { hostId_tenantId: { hostId: input.hostId, tenantId } },
  });
  if (!grant)
    throw invalid("hostId: this host is not granted to the tenant", { hostId: "not granted to the tenant" });
  const key = { tenantId, hostId: input.hostId, kind: input.kind, name: input.name };
  if (await db.sharedEngineObject.findUnique({ where: { tenantId_hostId_kind_name: key } }))
    throw conflict(`${input.kind} "${input.name}" is already shared with this tenant`, {
      name: "already shared",
    });
  const docker = dockerFor(await hostConnection(input.hostId)).call;
  const exists = await (input.kind === "network" ? networkExists : volumeExists)(docker, input.name).catch(
    (err: unknown) => {
      throw hostReadError(err);
    },
  );
  if (!exists)
    throw invalid(`name: no ${input.kind} "${input.name}" on this host`, {
      name: `no such ${input.kind} on the host`,
    });
  const row = await db.sharedEngineObject.create({
    data: { ...key, note: input.note, createdById: actor.id },
  });
  return (await toViews([row]))[0];
}

/** Running apps keep what they attached; their next plan or deploy is refused until it is shared again. */
export async function unshareObject(actor: Actor, tenantId: string, id: string) {
  if (!isAdmin(actor)) throw forbidden("Only an admin can stop sharing networks and volumes");
  const row = await db.sharedEngineObject.findUnique({ where: { id } });
  if (!row || row.tenantId !== tenantId) throw notFound("Shared object");
  await db.sharedEngineObject.delete({ where: { id } });
  return { kind: row.kind, name: row.name, hostId: row.hostId };
}
