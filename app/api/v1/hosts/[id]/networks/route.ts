import { withAuth } from "@/lib/api/with-auth";
import { listHostNetworks } from "@/lib/docker/host-networks";
import { rethrow } from "@/lib/ops/engine-errors";
import { hostConnection } from "@/lib/services/hosts";

export const GET = withAuth(
  async ({ params }) => ({
    items: await listHostNetworks(await hostConnection(params.id)).catch(rethrow("Host")),
  }),
  { globalRole: "ops" },
);
