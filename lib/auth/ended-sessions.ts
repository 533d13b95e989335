import "server-only";
import { ApiError } from "@/lib/api/errors";
import { hashToken } from "@/lib/crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SIGNED_OUT_MESSAGES, SignedOutReason } from "@/lib/validations/auth";

/** The 401 for a session cookie that no longer signs anyone in, saying why. */
export const signedOut = (reason: SignedOutReason) => new ApiError(401, reason, SIGNED_OUT_MESSAGES[reason]);

/**
 * Ends every session of a user (in the caller's transaction), keeping why by each token's hash until the session
 * would have expired anyway: its browser is then told the reason rather than only "sign in".
 */
export async function endSessionsOf(tx: Prisma.TransactionClient, userId: string, reason: SignedOutReason) {
  const sessions = await tx.session.findMany({
    where: { userId },
    select: { tokenHash: true, expiresAt: true },
  });
  await tx.endedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  if (sessions.length) await tx.endedSession.createMany({ data: sessions.map((s) => ({ ...s, reason })) });
  await tx.session.deleteMany({ where: { userId } });
}

/** Why the session cookie `token`, which authenticates no one, stopped working. */
export async function whySignedOut(token: string): Promise<SignedOutReason> {
  const tokenHash = hashToken(token);
  const session = await db.session.findUnique({
    where: { tokenHash },
    select: { expiresAt: true, user: { select: { disabled: true } } },
  });
  if (session?.user.disabled) return "account_disabled";
  if (session && session.expiresAt < new Date()) return "session_expired";
  const ended = await db.endedSession.findUnique({ where: { tokenHash }, select: { reason: true } });
  return SignedOutReason.catch("session_ended").parse(ended?.reason ?? "session_ended");
}
