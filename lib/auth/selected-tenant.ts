import "server-only";
import { cookies } from "next/headers";
import type { Actor } from "@/lib/auth/actor";
import { TENANT_COOKIE } from "@/lib/auth/tenant-cookie";
import { tenantRole } from "@/lib/authz";

/** The tenant picked in the header switcher, if the actor may still see it. */
export async function selectedTenantId(actor: Actor): Promise<string | null> {
  const id = (await cookies()).get(TENANT_COOKIE)?.value;
  return id && tenantRole(actor, id) ? id : null;
}
