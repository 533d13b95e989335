import { withAuth } from "@/lib/api/with-auth";
import { hostFigures } from "@/lib/services/hosts";

/** The host's own CPU, memory, load, disk and network from its node exporter (none without one). */
export const GET = withAuth(async ({ params }) => hostFigures(params.id), { globalRole: "ops" });
