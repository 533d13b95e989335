import { withAuth } from "@/lib/api/with-auth";
import { hostVolumes } from "@/lib/services/host-engine";

export const GET = withAuth(async ({ params }) => ({ items: await hostVolumes(params.id) }), {
  globalRole: "ops",
});
