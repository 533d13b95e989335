import { created, readJson, withAuth } from "@/lib/api/with-auth";
import { createAppFromBuild } from "@/lib/services/build-deploy";
import { AppFromBuildInput } from "@/lib/validations/app";

/** "Deploy this image": creates an app running the build's own image (planned and checked, not deployed yet). */
export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = AppFromBuildInput.parse(await readJson(req));
    Object.assign(audit, {
      targetType: "build",
      targetId: params.id,
      detail: { name: input.name, projectId: input.projectId, mode: input.mode, buildId: params.id },
    });
    const result = await createAppFromBuild(actor, params.id, input);
    Object.assign(audit, { tenantId: result.app.tenantId, targetType: "app", targetId: result.app.id });
    return created(result);
  },
  { action: "app.create" },
);
