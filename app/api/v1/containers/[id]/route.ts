import { noContent, readQuery, withAuth } from "@/lib/api/with-auth";
import { deleteContainer, getContainerDetail } from "@/lib/services/containers";
import { RemoveContainerQuery } from "@/lib/validations/ops";

/** The container page's data: state, health, config (secret-looking env masked) and the raw inspect JSON. */
export const GET = withAuth(async ({ actor, params }) => getContainerDetail(actor, params.id));

export const DELETE = withAuth(
  async ({ req, actor, params, audit }) => {
    const opts = readQuery(req, RemoveContainerQuery);
    Object.assign(audit, { targetType: "container", targetId: params.id, detail: opts });
    const c = await deleteContainer(actor, params.id, opts);
    Object.assign(audit, {
      tenantId: c.tenantId,
      targetId: c.id,
      detail: { ...opts, name: c.name, hostId: c.hostId },
    });
    return noContent();
  },
  { action: "container.remove" },
);
