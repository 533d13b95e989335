import "server-only";
import { errorText, invalid, notFound } from "@/lib/api/errors";
import { checkRegistryEgress, registryBaseUrl } from "@/lib/builds/registry-login";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import type { RegistryAuth } from "@/lib/docker/pull-auth";
import { registryHostOf } from "@/lib/validations/image-tags";

// A tenant's registry credentials as builds and deploys use them: looked up by tenant (another tenant's registry
// is never found), checked against the egress policy before the engine receives them, decrypted only here.

/**
 * Registries are tenant objects: their credentials are handed to the engine on the tenant's behalf, so the policy
 * they are held to is the tenant's, even when an admin saved one (docs/security.md "Egress").
 */
export const TENANT_EGRESS = { admin: false };

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
    throw new Error(`registry ${host}: ${errorText(err)}`);
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
