import { withAuth } from "@/lib/api/with-auth";
import { listRevisions } from "@/lib/services/apps";

export const GET = withAuth(async ({ actor, params }) => ({ items: await listRevisions(actor, params.id) }));
