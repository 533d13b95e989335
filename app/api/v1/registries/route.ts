import { created, readJson, readQuery, withAuth } from "@/lib/api/with-auth";
import { createRegistry, listRegistries } from "@/lib/services/registries";
import { RegistryCreateInput, RegistryListQuery } from "@/lib/validations/registry";

export const GET = withAuth(async ({ req, actor }) => ({
  items: await listRegistries(actor, readQuery(req, RegistryListQuery).tenantId),
}));

export const POST = withAuth(
  async ({ req, actor, audit }) => {
    const input = RegistryCreateInput.parse(await readJson(req));
    // Never the password: only what identifies the registry.
    Object.assign(audit, {
      tenantId: input.tenantId,
      targetType: "registry",
      detail: { name: input.name, url: input.url, username: input.username },
    });
    const registry = await createRegistry(actor, input);
    audit.targetId = registry.id;
    return created(registry);
  },
  { action: "registry.create" },
);
