import { withAuth } from "@/lib/api/with-auth";
import { renderMetrics } from "@/lib/services/metrics";

export const dynamic = "force-dynamic";

/** Prometheus' scrape target (docs/metrics.md): admins and ops, or a token with the `metrics` scope. */
export const GET = withAuth(
  async ({ actor }) => {
    const { contentType, body } = await renderMetrics(actor);
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  },
  { globalRole: "ops", scopes: ["api", "metrics"] },
);
