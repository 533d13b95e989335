import "server-only";
import { cookies } from "next/headers";
import type { Actor } from "@/lib/auth/actor";
import { tenantRole } from "@/lib/authz";
import { TENANT_COOKIE } from "@/lib/client/tenant";

/** The tenant picked in the header switcher, if the actor may still see it. */
export async function selectedTenantId(actor: Actor): Promise<string | null> {
  const id = (await cookies()).get(TENANT_COOKIE)?.value;
  return id && tenantRole(actor, id) ? id : null;
}
