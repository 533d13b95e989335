import { withAuth } from "@/lib/api/with-auth";
import { listHostVolumes } from "@/lib/docker/host-volumes";
import { rethrow } from "@/lib/ops/engine-errors";
import { hostConnection } from "@/lib/services/hosts";

export const GET = withAuth(
  async ({ params }) => ({
    items: await listHostVolumes(await hostConnection(params.id)).catch(rethrow("Host")),
  }),
  { globalRole: "ops" },
);
