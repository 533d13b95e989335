import { withAuth } from "@/lib/api/with-auth";
import { getUser } from "@/lib/services/users";

export const GET = withAuth(async ({ actor }) => getUser(actor.id), { passwordChange: true });
