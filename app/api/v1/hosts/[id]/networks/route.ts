import { withAuth } from "@/lib/api/with-auth";
import { hostNetworks } from "@/lib/services/host-engine";

export const GET = withAuth(async ({ params }) => ({ items: await hostNetworks(params.id) }), {
  globalRole: "ops",
});
