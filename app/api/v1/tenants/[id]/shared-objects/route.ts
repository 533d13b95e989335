import { created, readJson, withAuth } from "@/lib/api/with-auth";
import { listSharedObjects, shareObject } from "@/lib/services/shared-objects";
import { SharedObjectInput } from "@/lib/validations/shared-object";

export const GET = withAuth(async ({ actor, params }) => ({
  items: await listSharedObjects(actor, params.id),
}));

export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = SharedObjectInput.parse(await readJson(req));
    Object.assign(audit, {
      tenantId: params.id,
      targetType: "shared-object",
      detail: { kind: input.kind, name: input.name, hostId: input.hostId },
    });
    const shared = await shareObject(actor, params.id, input);
    audit.targetId = shared.id;
    return created(shared);
  },
  { action: "tenant.object.share", globalRole: "admin" },
);
