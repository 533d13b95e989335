import { readQuery, withAuth } from "@/lib/api/with-auth";
import { recentEvents } from "@/lib/docker/system";
import { rethrow } from "@/lib/ops/engine-errors";
import { hostConnection } from "@/lib/services/hosts";
import { EventsQuery } from "@/lib/validations/ops";

/** The host's recent engine events (last `since` seconds, newest first). */
export const GET = withAuth(
  async ({ req, params }) => {
    const q = readQuery(req, EventsQuery);
    const host = await hostConnection(params.id);
    const items = await recentEvents(host, {
      sinceSeconds: q.since,
      limit: q.limit,
      filters: q.type ? { type: [q.type] } : undefined,
    }).catch(rethrow("Host"));
    return { items };
  },
  { globalRole: "ops" },
);
