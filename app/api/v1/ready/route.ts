import { readiness } from "@/lib/ops/readiness";

export const dynamic = "force-dynamic";

/** Public, for load balancers: 200 when this instance's database answers and is migrated, else 503. */
export async function GET() {
  const state = await readiness();
  return Response.json(state, { status: state.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
