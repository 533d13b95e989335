import { readQuery, withAuth } from "@/lib/api/with-auth";
import { sseResponse } from "@/lib/ops/http-stream";
import { watchStats } from "@/lib/ops/stats-hub";
import { loadContainerFor } from "@/lib/services/container-access";
import { containerStatsSample } from "@/lib/services/host-engine";
import { StatsQuery } from "@/lib/validations/ops";

/** Live stats as SSE (one sample a second from the engine stream shared by all viewers), or one sample with stream=false. */
export const GET = withAuth(
  async ({ req, actor, params }) => {
    const q = readQuery(req, StatsQuery);
    const c = await loadContainerFor(actor, params.id, "read");
    if (!q.stream) return containerStatsSample(c);
    return sseResponse((send, end) => watchStats(c.host, c.id, { data: send, end }), req.signal);
  },
  { live: ({ actor, params }) => loadContainerFor(actor, params.id, "read") },
);
