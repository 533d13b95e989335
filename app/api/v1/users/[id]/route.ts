import { readJson, withAuth } from "@/lib/api/with-auth";
import { getUser, updateUser } from "@/lib/services/users";
import { UserUpdateInput } from "@/lib/validations/user";

export const GET = withAuth(async ({ params }) => getUser(params.id), { globalRole: "admin" });

export const PATCH = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = UserUpdateInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "user", targetId: params.id, detail: input });
    return updateUser(actor, params.id, input);
  },
  { action: "user.update", globalRole: "admin" },
);
