import { created, readJson, withAuth } from "@/lib/api/with-auth";
import { createUser, listUsers } from "@/lib/services/users";
import { UserCreateInput } from "@/lib/validations/user";

export const GET = withAuth(async () => ({ items: await listUsers() }), { globalRole: "admin" });

export const POST = withAuth(
  async ({ req, audit }) => {
    const result = await createUser(UserCreateInput.parse(await readJson(req)));
    Object.assign(audit, {
      targetType: "user",
      targetId: result.user.id,
      detail: { email: result.user.email, globalRole: result.user.globalRole },
    });
    return created(result);
  },
  { action: "user.create", globalRole: "admin" },
);
