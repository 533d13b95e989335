import "server-only";
import { type z } from "zod";
import { notFound } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { recheckStreamsOf } from "@/lib/auth/live-streams";
import { hashToken, randomToken } from "@/lib/crypto";
import { db } from "@/lib/db";
import type { CreatedTokenView, TokenCreateInput, TokenView } from "@/lib/validations/auth";

const TOKEN_PREFIX = "wharf_";

type Row = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
};
const toView = (t: Row): TokenView => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  expiresAt: t.expiresAt?.toISOString() ?? null,
});

export async function listTokens(actor: Actor): Promise<TokenView[]> {
  const rows = await db.apiToken.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" } });
  return rows.map(toView);
}

/** The token itself is returned once; only its hash is stored. */
export async function createToken(
  actor: Actor,
  input: z.infer<typeof TokenCreateInput>,
): Promise<CreatedTokenView> {
  const token = randomToken(TOKEN_PREFIX);
  const row = await db.apiToken.create({
    data: {
      userId: actor.id,
      name: input.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86400_000) : null,
    },
  });
  return { ...toView(row), token };
}

export async function revokeToken(actor: Actor, id: string) {
  const { count } = await db.apiToken.deleteMany({ where: { id, userId: actor.id } });
  if (count === 0) throw notFound("Token");
  await recheckStreamsOf(actor.id, "an API token was revoked");
}
