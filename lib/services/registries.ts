import "server-only";
import { type z } from "zod";
import { conflict, invalid, notFound } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireTenantRole, tenantFilter } from "@/lib/authz";
import {
  checkRegistryEgress,
  checkRegistryLogin,
  registryBaseUrl,
  RegistryRefused,
} from "@/lib/builds/registry-login";
import { registryHostOf } from "@/lib/builds/tags";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import type { RegistryAuth } from "@/lib/docker/pull-auth";
import type { RegistryCreateInput, RegistryUpdateInput } from "@/lib/validations/registry";

type Row = {
  id: string;
  tenantId: string;
  name: string;
  url: string;
  username: string;
  createdAt: Date;
  updatedAt: Date;
  tenant: { name: string };
};
const include = { tenant: { select: { name: true } } } as const;

const toView = (r: Row) => ({
  id: r.id,
  tenantId: r.tenantId,
  tenantName: r.tenant.name,
  name: r.name,
  url: r.url,
  host: registryBaseUrl(r.url).host,
  username: r.username,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/**
 * Registries are tenant objects: their credentials are later handed to the engine on the tenant's
 * behalf (builds, deploys). So the policy they are held to is the tenant's, even when an admin saves
 * one; a same-box registry needs an allow-list entry (docs/security.md "Egress").
 */
const TENANT_EGRESS = { admin: false };

/** Login failures become a 422 on the field to fix; the password is never part of any message. */
async function verifyLogin(url: string, username: string, password: string) {
  try {
    await checkRegistryLogin(url, username, password, TENANT_EGRESS);
  } catch (err) {
    if (err instanceof RegistryRefused) throw invalid(err.message, { password: "refused by the registry" });
    throw invalid((err as Error).message, { url: (err as Error).message });
  }
}

export async function listRegistries(actor: Actor, tenantId?: string) {
  if (tenantId) requireTenantRole(actor, tenantId, "viewer", "Tenant");
  const rows = await db.registry.findMany({
    where: { ...tenantFilter(actor), ...(tenantId ? { tenantId } : {}) },
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

export async function createRegistry(actor: Actor, input: z.infer<typeof RegistryCreateInput>) {
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

export async function updateRegistry(actor: Actor, id: string, input: z.infer<typeof RegistryUpdateInput>) {
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

async function authOf(r: {
  url: string;
  username: string;
  secretEncrypted: string;
}): Promise<{ host: string; auth: RegistryAuth | null }> {
  const { host, base } = registryBaseUrl(r.url);
  if (!r.username && !r.secretEncrypted) return { host, auth: null };
  // Before the engine gets the credentials: the registry must still be allowed, and so must its realm.
  try {
    await checkRegistryEgress(r.url, TENANT_EGRESS);
  } catch (err) {
    throw new Error(`registry ${host}: ${(err as Error).message}`);
  }
  return {
    host,
    auth: {
      username: r.username,
      password: decryptSecret(r.secretEncrypted),
      serveraddress: host === "docker.io" ? "https://index.docker.io/v1/" : base,
    },
  };
}

/** For the build runner: the registry's host and credentials (a registry of another tenant is not found). */
export async function registryForPush(tenantId: string, registryId: string) {
  const r = await db.registry.findFirst({
    where: { id: registryId, tenantId },
    select: { url: true, username: true, secretEncrypted: true },
  });
  if (!r) throw notFound("Registry");
  return authOf(r);
}

/** Checks, at request time, that a build may push to this registry. */
export async function assertRegistryInTenant(tenantId: string, registryId: string) {
  if ((await db.registry.count({ where: { id: registryId, tenantId } })) === 0)
    throw invalid("registryId: no such registry in this project's tenant", {
      registryId: "not a registry of this tenant",
    });
}

/**
 * Where a Swarm app's built image is pushed, so that every node can pull it: the tenant's registry whose
 * host the service's `image:` names, else the tenant's only registry. (An admin names one for a tenant by
 * adding it to the tenant.) Refused on `field` when there is none to choose.
 */
export async function registryForSwarmBuild(tenantId: string, image: string, field: string): Promise<string> {
  const rows = await db.registry.findMany({ where: { tenantId }, select: { id: true, url: true } });
  const host = image ? registryHostOf(image) : "";
  const named = rows.find((r) => registryBaseUrl(r.url).host === host);
  if (named) return named.id;
  if (rows.length === 1) return rows[0].id;
  const why =
    rows.length === 0
      ? "a Swarm app's built image must be pushed to a registry every node can pull from — add one under Registries"
      : `this tenant has ${rows.length} registries — name the one to push to in image: (e.g. image: <registry host>/name:tag)`;
  throw invalid(`${field}: ${why}`, { [field]: why });
}

/**
 * dockerode authconfig to pull `imageRef` for a tenant: the tenant's registry whose host matches the
 * image's registry, or null (public image / no stored credentials). Used by deploys.
 */
export async function registryAuthFor(tenantId: string, imageRef: string): Promise<RegistryAuth | null> {
  const host = registryHostOf(imageRef);
  const rows = await db.registry.findMany({
    where: { tenantId },
    select: { url: true, username: true, secretEncrypted: true },
  });
  const match = rows.find(
    (r) =>
      registryBaseUrl(r.url).host === host ||
      (host === "docker.io" && /(^|\.)docker\.io$/.test(registryBaseUrl(r.url).host)),
  );
  return match ? (await authOf(match)).auth : null;
}
