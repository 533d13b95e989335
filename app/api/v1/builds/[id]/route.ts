import { withAuth } from "@/lib/api/with-auth";
import { getBuild } from "@/lib/services/builds";

export const GET = withAuth(async ({ actor, params }) => getBuild(actor, params.id));
