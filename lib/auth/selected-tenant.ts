import "server-only";
import { cookies } from "next/headers";
import type { Actor } from "@/lib/auth/actor";
import { ALL_TENANTS, TENANT_COOKIE, TENANT_PARAM } from "@/lib/auth/tenant-cookie";
import { tenantRole } from "@/lib/authz";

/** The tenant picked in the header switcher (the default context), if the actor may still see it. */
export async function selectedTenantId(actor: Actor): Promise<string | null> {
  const id = (await cookies()).get(TENANT_COOKIE)?.value;
  return id && id !== ALL_TENANTS && tenantRole(actor, id) ? id : null;
}

/** What a console page receives as its URL's query (Next's `searchParams` prop). */
export type PageSearchParams = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * A console page's tenant context: the URL's `?tenant=` (a shared link), else the switcher's cookie; undefined for
 * every tenant. Only ever used to narrow what the actor may see anyway (services check it again).
 */
export async function pageTenantId(
  actor: Actor,
  searchParams: PageSearchParams["searchParams"],
): Promise<string | undefined> {
  const fromUrl = (await searchParams)[TENANT_PARAM];
  const id = typeof fromUrl === "string" && fromUrl ? fromUrl : await selectedTenantId(actor);
  return id && id !== ALL_TENANTS ? id : undefined;
}
