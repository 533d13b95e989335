import { readiness } from "@/lib/ops/readiness";

export const dynamic = "force-dynamic";

/**
 * Public, for load balancers: 200 when this instance's database answers and is migrated, else 503. A stopping
 * instance's 503 carries `X-Wharf-Draining: 1`: HAProxy then stops sending it requests but keeps the ones it has
 * open (its soft-stop state, scripts/ha/haproxy.cfg), where any other 503 marks it down and cuts them.
 */
export async function GET() {
  const state = await readiness();
  return Response.json(state, {
    status: state.ready ? 200 : 503,
    headers: {
      "cache-control": "no-store",
      ...(!state.ready && state.draining ? { "x-wharf-draining": "1" } : {}),
    },
  });
}
