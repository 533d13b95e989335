import { withAuth } from "@/lib/api/with-auth";
import { hostConnection } from "@/lib/services/hosts";
import { listHostNetworks } from "@/lib/docker/host-networks";
import { rethrow } from "@/lib/ops/engine-errors";

export const GET = withAuth(async ({ params }) => ({ items: await listHostNetworks(await hostConnection(params.id)).catch(rethrow("Host")) }), { globalRole: "ops" });
