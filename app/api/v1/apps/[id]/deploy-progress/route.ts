import { withAuth } from "@/lib/api/with-auth";
import { getDeployInProgress } from "@/lib/services/app-deploy-log";

/** The running deploy's progress lines so far (scrubbed), on any instance, for anyone who may see the app. */
export const GET = withAuth(async ({ actor, params }) => getDeployInProgress(actor, params.id));
