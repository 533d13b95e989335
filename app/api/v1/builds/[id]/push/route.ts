import { readJson, withAuth } from "@/lib/api/with-auth";
import { pushBuild } from "@/lib/services/builds";
import { BuildPushInput } from "@/lib/validations/build";

export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = BuildPushInput.parse(await readJson(req));
    Object.assign(audit, {
      targetType: "build",
      targetId: params.id,
      detail: { registryId: input.registryId },
    });
    const build = await pushBuild(actor, params.id, input.registryId);
    audit.tenantId = build.tenantId;
    return build;
  },
  { action: "build.push" },
);
