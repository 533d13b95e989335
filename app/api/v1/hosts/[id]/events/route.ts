import { readQuery, withAuth } from "@/lib/api/with-auth";
import { hostRecentEvents } from "@/lib/services/host-engine";
import { EventsQuery } from "@/lib/validations/ops";

/** The host's recent engine events (last `since` seconds, newest first). */
export const GET = withAuth(
  async ({ req, params }) => ({ items: await hostRecentEvents(params.id, readQuery(req, EventsQuery)) }),
  { globalRole: "ops" },
);
