import { withAuth } from "@/lib/api/with-auth";
import { appTraffic } from "@/lib/services/app-traffic";

/** Requests/s, 4xx/5xx rates and latency per domain of the app, from Caddy's access log (viewers). */
export const GET = withAuth(async ({ actor, params }) => appTraffic(actor, params.id));
