import { withAuth } from "@/lib/api/with-auth";
import { getAlert } from "@/lib/services/alerts";

export const GET = withAuth(async ({ actor, params }) => getAlert(actor, params.id));
