import { created, readJson, withAuth } from "@/lib/api/with-auth";
import { createToken, listTokens } from "@/lib/services/tokens";
import { TokenCreateInput } from "@/lib/validations/auth";

export const GET = withAuth(async ({ actor }) => ({ items: await listTokens(actor) }));

export const POST = withAuth(
  async ({ req, actor, audit }) => {
    const token = await createToken(actor, TokenCreateInput.parse(await readJson(req)));
    Object.assign(audit, {
      targetType: "token",
      targetId: token.id,
      detail: { name: token.name, scopes: token.scopes },
    });
    return created(token);
  },
  { action: "token.create" },
);
