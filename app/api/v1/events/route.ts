import { readQuery, withAuth } from "@/lib/api/with-auth";
import { listFleetEvents } from "@/lib/services/fleet-events";
import { FleetEventQuery } from "@/lib/validations/fleet-events";

/** The fleet's stored state changes (failures, OOM, unhealthy, restarts), newest first, scoped to the caller. */
export const GET = withAuth(async ({ req, actor }) =>
  listFleetEvents(actor, readQuery(req, FleetEventQuery)),
);
