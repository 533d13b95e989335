import { withAuth } from "@/lib/api/with-auth";
import { hostConnection } from "@/lib/services/hosts";
import { listHostVolumes } from "@/lib/docker/host-volumes";
import { rethrow } from "@/lib/ops/engine-errors";

export const GET = withAuth(async ({ params }) => ({ items: await listHostVolumes(await hostConnection(params.id)).catch(rethrow("Host")) }), { globalRole: "ops" });
