import { readQuery, withAuth } from "@/lib/api/with-auth";
import { deleteAppWithPreviews } from "@/lib/services/app-previews";
import { getApp } from "@/lib/services/apps";
import { AppDeleteQuery } from "@/lib/validations/app";

export const GET = withAuth(async ({ actor, params }) => getApp(actor, params.id));

/**
 * Removes the app's containers (or services) and networks, its named volumes only with ?volumes=true, and its
 * previews (with their volumes) at once.
 */
export const DELETE = withAuth(
  async ({ req, actor, params, audit }) => {
    const { volumes } = readQuery(req, AppDeleteQuery);
    Object.assign(audit, { targetType: "app", targetId: params.id, detail: { volumes: volumes === "true" } });
    const result = await deleteAppWithPreviews(actor, params.id, volumes === "true");
    Object.assign(audit, {
      tenantId: result.tenantId,
      detail: { volumes: volumes === "true", removed: result.removed },
    });
    return result;
  },
  { action: "app.delete" },
);
