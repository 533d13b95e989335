import { readJson, withAuth } from "@/lib/api/with-auth";
import { changePassword } from "@/lib/services/login";
import { ChangePasswordInput } from "@/lib/validations/auth";

export const POST = withAuth(
  async ({ req, actor, audit }) => {
    const input = ChangePasswordInput.parse(await readJson(req));
    audit.targetType = "user";
    audit.targetId = actor.id;
    await changePassword(actor.id, input.currentPassword, input.newPassword);
    return { ok: true };
  },
  { action: "user.password.change", passwordChange: true },
);
