import { withAuth } from "@/lib/api/with-auth";
import { hostImages } from "@/lib/services/host-engine";

/** A host's images with size and the containers using each (admin and ops: images are shared by every tenant on the host). */
export const GET = withAuth(async ({ params }) => ({ items: await hostImages(params.id) }), {
  globalRole: "ops",
});
