import { z } from "zod";
import { withAuth } from "@/lib/api/with-auth";
import { getRevisionSpec } from "@/lib/services/apps";

export const GET = withAuth(async ({ actor, params }) =>
  getRevisionSpec(actor, params.id, z.coerce.number().int().min(1).parse(params.number)),
);
