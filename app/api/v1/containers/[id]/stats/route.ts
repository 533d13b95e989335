import { readQuery, withAuth } from "@/lib/api/with-auth";
import { sampleStats } from "@/lib/docker/stats";
import { toEngineApiError } from "@/lib/ops/container-service";
import { sseResponse } from "@/lib/ops/http-stream";
import { watchStats } from "@/lib/ops/stats-hub";
import { loadContainerFor } from "@/lib/services/container-access";
import { StatsQuery } from "@/lib/validations/ops";

/** Live stats as SSE (one sample a second from the engine stream shared by all viewers), or one sample with stream=false. */
export const GET = withAuth(
  async ({ req, actor, params }) => {
    const q = readQuery(req, StatsQuery);
    const c = await loadContainerFor(actor, params.id, "read");
    if (!q.stream) return sampleStats(c.host, c.id).catch((e) => Promise.reject(toEngineApiError(e)));
    return sseResponse((send, end) => watchStats(c.host, c.id, { data: send, end }), req.signal);
  },
  { live: ({ actor, params }) => loadContainerFor(actor, params.id, "read") },
);
