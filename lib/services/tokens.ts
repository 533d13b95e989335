import "server-only";
import { type z } from "zod";
import { forbidden, notFound } from "@/lib/api/errors";
import { seesEverything, type Actor } from "@/lib/auth/actor";
import { recheckStreamsOf } from "@/lib/auth/live-streams";
import { hashToken, randomToken } from "@/lib/crypto";
import { db } from "@/lib/db";
import {
  StoredTokenScopes,
  type CreatedTokenView,
  type TokenCreateInput,
  type TokenView,
} from "@/lib/validations/auth";

const TOKEN_PREFIX = "wharf_";

type Row = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  scopes: string;
};
const toView = (t: Row): TokenView => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  expiresAt: t.expiresAt?.toISOString() ?? null,
  scopes: StoredTokenScopes.parse(t.scopes),
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
  // The fleet-wide figures /metrics exposes are for admins and ops only (docs/security.md, "Metrics").
  if (input.scopes.includes("metrics") && !seesEverything(actor))
    throw forbidden("scopes: only admins and ops can create a token with the metrics scope", {
      scopes: "metrics is for admins and ops only",
    });
  const token = randomToken(TOKEN_PREFIX);
  const row = await db.apiToken.create({
    data: {
      userId: actor.id,
      name: input.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86400_000) : null,
      scopes: input.scopes.join(","),
    },
  });
  return { ...toView(row), token };
}

export async function revokeToken(actor: Actor, id: string) {
  const { count } = await db.apiToken.deleteMany({ where: { id, userId: actor.id } });
  if (count === 0) throw notFound("Token");
  await recheckStreamsOf(actor.id, "an API token was revoked");
}
