import { withAuth } from "@/lib/api/with-auth";
import { diskUsage } from "@/lib/docker/system";
import { rethrow } from "@/lib/ops/engine-errors";
import { hostConnection } from "@/lib/services/hosts";

/** Disk use by images, containers, volumes and build cache (`/system/df`). */
export const GET = withAuth(
  async ({ params }) => diskUsage(await hostConnection(params.id)).catch(rethrow("Host")),
  { globalRole: "ops" },
);
