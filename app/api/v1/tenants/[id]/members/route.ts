import { readJson, withAuth } from "@/lib/api/with-auth";
import { listMembers, setMembership } from "@/lib/services/tenants";
import { MemberInput } from "@/lib/validations/tenant";

export const GET = withAuth(async ({ actor, params }) => ({ items: await listMembers(actor, params.id) }));

/** Adds, changes (role) or removes (role: null) a member. */
export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = MemberInput.parse(await readJson(req));
    Object.assign(audit, {
      tenantId: params.id,
      targetType: "user",
      targetId: input.userId,
      detail: { role: input.role },
    });
    return setMembership(actor, params.id, input);
  },
  { action: "tenant.member.set" },
);
