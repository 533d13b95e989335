import { created, readJson, withAuth } from "@/lib/api/with-auth";
import { addEgressAllow, listEgressAllow } from "@/lib/services/egress";
import { EgressAllowInput } from "@/lib/validations/egress";

export const GET = withAuth(async ({ actor }) => ({ items: await listEgressAllow(actor) }), {
  globalRole: "admin",
});

export const POST = withAuth(
  async ({ req, actor, audit }) => {
    const input = EgressAllowInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "egress-allow", detail: { entry: input.entry, note: input.note } });
    const entry = await addEgressAllow(actor, input);
    audit.targetId = entry.id;
    return created(entry);
  },
  { action: "egress.allow.add", globalRole: "admin" },
);
