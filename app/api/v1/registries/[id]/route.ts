import { noContent, readJson, withAuth } from "@/lib/api/with-auth";
import { deleteRegistry, updateRegistry } from "@/lib/services/registries";
import { RegistryUpdateInput } from "@/lib/validations/registry";

export const PATCH = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = RegistryUpdateInput.parse(await readJson(req));
    Object.assign(audit, {
      targetType: "registry",
      targetId: params.id,
      detail: {
        name: input.name,
        url: input.url,
        username: input.username,
        passwordChanged: !!input.password,
      },
    });
    const registry = await updateRegistry(actor, params.id, input);
    audit.tenantId = registry.tenantId;
    return registry;
  },
  { action: "registry.update" },
);

export const DELETE = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "registry", targetId: params.id });
    audit.tenantId = (await deleteRegistry(actor, params.id)).tenantId;
    return noContent();
  },
  { action: "registry.delete" },
);
