import { withAuth } from "@/lib/api/with-auth";
import { getAppCompose } from "@/lib/services/apps";

/** The effective, normalized compose file of the deployed revision (like `docker compose config`). */
export const GET = withAuth(async ({ actor, params }) => getAppCompose(actor, params.id));
