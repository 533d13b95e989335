import { withAuth } from "@/lib/api/with-auth";
import { listImages } from "@/lib/docker/images";
import { rethrow } from "@/lib/ops/engine-errors";
import { hostConnection } from "@/lib/services/hosts";

/** A host's images with size and the containers using each (admin and ops: images are shared by every tenant on the host). */
export const GET = withAuth(
  async ({ params }) => ({ items: await listImages(await hostConnection(params.id)).catch(rethrow("Host")) }),
  { globalRole: "ops" },
);
