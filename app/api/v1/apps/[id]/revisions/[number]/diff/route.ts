import { z } from "zod";
import { withAuth } from "@/lib/api/with-auth";
import { getRevisionDiff } from "@/lib/services/apps";

/** A revision against the current one (what the app page shows before a rollback). */
export const GET = withAuth(async ({ actor, params }) =>
  getRevisionDiff(actor, params.id, z.coerce.number().int().min(1).parse(params.number)),
);
