import "server-only";
import { db } from "@/lib/db";
import { config } from "@/lib/config";
import { hashToken, randomToken } from "@/lib/crypto";
import type { Actor } from "@/lib/auth/actor";
import type { GlobalRole, TenantRole } from "@/lib/auth/roles";

export const SESSION_COOKIE = "wharf_session";
/** Over https the cookie gets the __Host- prefix: Secure, Path=/, no Domain — it cannot be planted by a subdomain. */
export const SECURE_SESSION_COOKIE = "__Host-wharf_session";

export function sessionCookieName(secure: boolean) {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function sessionCookieHeader(token: string, secure: boolean, maxAgeSeconds: number): string {
  const parts = [`${sessionCookieName(secure)}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/** A fresh session for each login (never reuses a token the browser already had). */
export async function createSession(userId: string, meta: { ip: string; userAgent: string }) {
  const token = randomToken();
  const ttlMs = config.sessionTtlHours * 3600_000;
  await db.session.create({
    data: { userId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + ttlMs), ip: meta.ip, userAgent: meta.userAgent.slice(0, 300) },
  });
  return { token, maxAgeSeconds: Math.floor(ttlMs / 1000) };
}

export async function deleteSession(token: string) {
  await db.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

type UserRow = {
  id: string; email: string; name: string; globalRole: string; disabled: boolean;
  memberships: { tenantId: string; role: string }[];
};

function toActor(user: UserRow, via: Actor["via"], ip: string): Actor | null {
  if (user.disabled) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    globalRole: user.globalRole as GlobalRole,
    memberships: new Map(user.memberships.map((m) => [m.tenantId, m.role as TenantRole])),
    via,
    ip,
  };
}

// The user and their memberships come with the session/token row in one query (one round-trip through the
// adapter per request). Nothing is cached: a deleted session, revoked token or disabled user fails at once.
const userSelect = {
  id: true, email: true, name: true, globalRole: true, disabled: true,
  memberships: { select: { tenantId: true, role: true } },
} as const;

/** Resolves a session token; a disabled user or an expired session yields null on the very next request. */
export async function actorFromSession(token: string, ip: string): Promise<Actor | null> {
  const session = await db.session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: { select: userSelect } } });
  if (!session || session.expiresAt < new Date()) return null;
  if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } });
  }
  return toActor(session.user, "session", ip);
}

export async function actorFromApiToken(token: string, ip: string): Promise<Actor | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: { select: userSelect } } });
  if (!row || (row.expiresAt && row.expiresAt < new Date())) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return toActor(row.user, "token", ip);
}
