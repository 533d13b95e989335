import { created, readJson, withAuth } from "@/lib/api/with-auth";
import { createApp, listApps } from "@/lib/services/apps";
import { AppCreateInput } from "@/lib/validations/app";

export const GET = withAuth(async ({ actor, params }) => ({ items: await listApps(actor, params.id) }));

/** Creates an app on a granted host; a given source is parsed, admitted and quota-checked first (nothing is deployed yet). */
export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = AppCreateInput.parse(await readJson(req));
    Object.assign(audit, {
      targetType: "project",
      targetId: params.id,
      detail: { name: input.name, hostId: input.hostId, mode: input.mode, source: input.source?.type },
    });
    const result = await createApp(actor, params.id, input);
    Object.assign(audit, { tenantId: result.app.tenantId, targetType: "app", targetId: result.app.id });
    return created(result);
  },
  { action: "app.create" },
);
