import { withAuth } from "@/lib/api/with-auth";
import { hostDiskUsage } from "@/lib/services/host-engine";

/** Disk use by images, containers, volumes and build cache (`/system/df`). */
export const GET = withAuth(async ({ params }) => hostDiskUsage(params.id), { globalRole: "ops" });
