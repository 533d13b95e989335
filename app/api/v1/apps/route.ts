import { withAuth } from "@/lib/api/with-auth";
import { listAllApps } from "@/lib/services/apps";

/** Every app the caller can see, across their tenants' projects. */
export const GET = withAuth(async ({ actor }) => ({ items: await listAllApps(actor) }));
