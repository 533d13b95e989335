import "server-only";
import { type z } from "zod";
import { conflict, errorText, invalid, notFound } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireTenantRole, scopedTenantIds, tenantFilter } from "@/lib/authz";
import { TENANT_EGRESS } from "@/lib/builds/registry-credentials";
import { checkRegistryLogin, registryBaseUrl, RegistryRefused } from "@/lib/builds/registry-login";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { tenantOwnedView, withTenantName } from "@/lib/services/tenant-owned";
import type { RegistryCreateInput, RegistryUpdateInput, RegistryView } from "@/lib/validations/registry";

const include = withTenantName;
/** As the database gives it (the sealed password is omitted by default, lib/db.ts). */
type Row = Awaited<ReturnType<typeof loadRegistry>>;

const toView = (r: Row): RegistryView => ({
  ...tenantOwnedView(r),
  name: r.name,
  url: r.url,
  host: registryBaseUrl(r.url).host,
  username: r.username,
});

/** Login failures become a 422 on the field to fix; the password is never part of any message. */
async function verifyLogin(url: string, username: string, password: string) {
  try {
    await checkRegistryLogin(url, username, password, TENANT_EGRESS);
  } catch (err) {
    if (err instanceof RegistryRefused) throw invalid(err.message, { password: "refused by the registry" });
    throw invalid(errorText(err), { url: errorText(err) });
  }
}

export async function listRegistries(actor: Actor, tenantId?: string): Promise<RegistryView[]> {
  const rows = await db.registry.findMany({
    where: tenantFilter(actor, await scopedTenantIds(actor, tenantId)),
    include,
    orderBy: { name: "asc" },
  });
  return rows.map(toView);
}

async function loadRegistry(actor: Actor, id: string, min: "viewer" | "developer") {
  const r = await db.registry.findUnique({ where: { id }, include });
  if (!r) throw notFound("Registry");
  requireTenantRole(actor, r.tenantId, min, "Registry");
  return r;
}

export async function createRegistry(
  actor: Actor,
  input: z.infer<typeof RegistryCreateInput>,
): Promise<RegistryView> {
  requireTenantRole(actor, input.tenantId, "developer", "Tenant");
  if (
    await db.registry.findUnique({ where: { tenantId_name: { tenantId: input.tenantId, name: input.name } } })
  ) {
    throw conflict(`This tenant already has a registry named "${input.name}"`, { name: "already taken" });
  }
  await verifyLogin(input.url, input.username, input.password);
  const r = await db.registry.create({
    data: {
      tenantId: input.tenantId,
      name: input.name,
      url: input.url.replace(/\/$/, ""),
      username: input.username,
      secretEncrypted: encryptSecret(input.password),
    },
    include,
  });
  return toView(r);
}

export async function updateRegistry(
  actor: Actor,
  id: string,
  input: z.infer<typeof RegistryUpdateInput>,
): Promise<RegistryView> {
  const r = await loadRegistry(actor, id, "developer");
  if (input.password) await verifyLogin(input.url ?? r.url, input.username ?? r.username, input.password);
  const updated = await db.registry.update({
    where: { id },
    data: {
      name: input.name,
      url: input.url?.replace(/\/$/, ""),
      username: input.username,
      secretEncrypted: input.password ? encryptSecret(input.password) : undefined,
    },
    include,
  });
  return toView(updated);
}

export async function deleteRegistry(actor: Actor, id: string) {
  const r = await loadRegistry(actor, id, "developer");
  await db.registry.delete({ where: { id } });
  return { id, tenantId: r.tenantId };
}
