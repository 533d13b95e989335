import { withAuth } from "@/lib/api/with-auth";
import { getLastDeploy } from "@/lib/services/app-deploy-log";

/** The last finished deploy's progress lines (scrubbed, bounded), for anyone who may see the app. */
export const GET = withAuth(async ({ actor, params }) => getLastDeploy(actor, params.id));
