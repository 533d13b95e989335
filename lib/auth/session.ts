import "server-only";
import Database, { type Statement } from "better-sqlite3";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { cachedRow, forgetTokenHash } from "@/lib/auth/credential-cache";
import { parsedOnce } from "@/lib/auth/parsed-once";
import { config } from "@/lib/config";
import { hashToken, randomToken } from "@/lib/crypto";
import { db, postgresPool } from "@/lib/db";
import { StoredTokenScopes } from "@/lib/validations/auth";
import { GlobalRole, TenantRole } from "@/lib/validations/roles";
import type { Pool } from "pg";

export const SESSION_COOKIE = "wharf_session";
/** Over https the cookie gets the __Host- prefix: Secure, Path=/, no Domain — it cannot be planted by a subdomain. */
export const SECURE_SESSION_COOKIE = "__Host-wharf_session";

export function sessionCookieName(secure: boolean) {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function sessionCookieHeader(token: string, secure: boolean, maxAgeSeconds: number): string {
  const parts = [
    `${sessionCookieName(secure)}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/** A fresh session for each login (never reuses a token the browser already had). */
export async function createSession(userId: string, meta: { ip: string; userAgent: string }) {
  const token = randomToken();
  const ttlMs = config.sessionTtlHours * 3600_000;
  await db.session.create({
    data: {
      userId,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + ttlMs),
      ip: meta.ip,
      userAgent: meta.userAgent.slice(0, 300),
    },
  });
  return { token, maxAgeSeconds: Math.floor(ttlMs / 1000) };
}

export async function deleteSession(token: string) {
  const tokenHash = hashToken(token);
  await db.session.deleteMany({ where: { tokenHash } });
  forgetTokenHash(tokenHash);
}

/** One row of the auth lookup: the session or token, its user, and the user's memberships as a JSON array. */
type AuthRow = {
  id: string;
  /** SQLite: ISO text; PostgreSQL: a Date. */
  expiresAt: string | Date | null;
  seenAt: string | Date | null;
  userId: string;
  email: string;
  name: string;
  globalRole: string;
  /** SQLite: 0/1; PostgreSQL: a boolean. */
  disabled: number | boolean;
  mustChangePassword: number | boolean;
  memberships: string;
  /** An API token's scopes (comma-separated); null for a session. */
  scopes: string | null;
};

/** json_group_array of [tenantId, role] pairs (see membershipsJson). */
const Memberships = z.array(z.tuple([z.string(), TenantRole]));

const asDate = (v: string | Date | null) => (v === null ? null : new Date(v));

// A user's memberships and a token's scopes are the same texts on every request; parsing them (JSON, zod) was a
// third of the lookup's CPU (docs/scale.md, round 5). Keyed by the text, so a changed row is parsed afresh.
const membershipsOf = parsedOnce((text) => Memberships.parse(JSON.parse(text)));
const scopesOf = parsedOnce((text) => StoredTokenScopes.parse(text));
const globalRoleOf = parsedOnce((text) => GlobalRole.parse(text));

function toActor(row: AuthRow, via: Actor["via"], ip: string): Actor | null {
  if (Number(row.disabled)) return null;
  return {
    id: row.userId,
    email: row.email,
    name: row.name,
    globalRole: globalRoleOf(row.globalRole),
    memberships: new Map(membershipsOf(row.memberships)),
    via,
    ip,
    mustChangePassword: Number(row.mustChangePassword) === 1,
    ...(row.scopes === null ? {} : { scopes: scopesOf(row.scopes) }),
  };
}

// Every request authenticates, so this lookup is on the hot path of every API call. Through Prisma it cost ~0.24 ms
// of CPU per request even as one raw statement (the adapter prepares the SQL on every call, plus the client's
// machinery): most of a `GET /counters` (docs/scale.md). So the two lookups are prepared once on a read-only SQLite
// connection of their own; in WAL mode it sees every commit at once. Writes stay with Prisma. On PostgreSQL the same
// two statements are named prepared statements on Prisma's own pool (lib/db.ts). On both, a row read is kept for
// AUTH_CACHE_MS (lib/auth/credential-cache.ts): on PostgreSQL each lookup is a round trip (docs/scale.md, round 6).
type AuthLookup = {
  session: (tokenHash: string) => Promise<AuthRow | undefined>;
  token: (tokenHash: string) => Promise<AuthRow | undefined>;
};
declare global {
  var wharfAuthLookup: AuthLookup | undefined;
}
const g = globalThis;

function sqliteLookup(): AuthLookup {
  const membershipsJson =
    "(SELECT json_group_array(json_array(m.tenantId, m.role)) FROM Membership m WHERE m.userId = u.id)";
  const userColumns = `u.id AS userId, u.email, u.name, u.globalRole, u.disabled, u.mustChangePassword, ${membershipsJson} AS memberships`;
  const conn = new Database(config.databaseUrl.replace(/^file:/, ""), {
    readonly: true,
    fileMustExist: true,
    timeout: 5000,
  });
  const session: Statement<[string], AuthRow> = conn.prepare(
    `SELECT s.id, s.expiresAt, s.lastSeenAt AS seenAt, NULL AS scopes, ${userColumns} FROM Session s JOIN User u ON u.id = s.userId WHERE s.tokenHash = ?`,
  );
  const token: Statement<[string], AuthRow> = conn.prepare(
    `SELECT t.id, t.expiresAt, t.lastUsedAt AS seenAt, t.scopes, ${userColumns} FROM ApiToken t JOIN User u ON u.id = t.userId WHERE t.tokenHash = ?`,
  );
  return { session: async (h) => session.get(h), token: async (h) => token.get(h) };
}

function postgresLookup(pool: Pool): AuthLookup {
  // Prisma's DateTime is `timestamp(3)` holding UTC; AT TIME ZONE 'UTC' hands pg a timestamptz, read as UTC
  // whatever the server's time zone.
  const utc = (col: string) => `(${col} AT TIME ZONE 'UTC')`;
  const membershipsJson = `(SELECT COALESCE(json_agg(json_build_array(m."tenantId", m."role")), '[]')::text FROM "Membership" m WHERE m."userId" = u.id)`;
  const userColumns = `u.id AS "userId", u.email, u.name, u."globalRole", u.disabled, u."mustChangePassword", ${membershipsJson} AS memberships`;
  const query = (name: string, text: string) => async (tokenHash: string) =>
    (await pool.query<AuthRow>({ name, text, values: [tokenHash] })).rows[0];
  return {
    session: query(
      "wharf-session-lookup",
      `SELECT s.id, ${utc('s."expiresAt"')} AS "expiresAt", ${utc('s."lastSeenAt"')} AS "seenAt", NULL AS scopes, ${userColumns} FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s."tokenHash" = $1`,
    ),
    token: query(
      "wharf-token-lookup",
      `SELECT t.id, ${utc('t."expiresAt"')} AS "expiresAt", ${utc('t."lastUsedAt"')} AS "seenAt", t.scopes, ${userColumns} FROM "ApiToken" t JOIN "User" u ON u.id = t."userId" WHERE t."tokenHash" = $1`,
    ),
  };
}

function authLookup(): AuthLookup {
  const pool = postgresPool();
  return (g.wharfAuthLookup ??= pool ? postgresLookup(pool) : sqliteLookup());
}

/** The row, read at most once per AUTH_CACHE_MS (lib/auth/credential-cache.ts). */
const lookup = (kind: "session" | "token", tokenHash: string) =>
  cachedRow(kind, tokenHash, () => authLookup()[kind](tokenHash));

/**
 * Marks the row seen now, at most once a minute (the cached copy too, so the requests after it do not write again).
 * updateMany: the row may be gone already (deleted through another instance within AUTH_CACHE_MS).
 */
async function markSeen(row: AuthRow, write: (at: Date) => Promise<unknown>) {
  if (Date.now() - (asDate(row.seenAt)?.getTime() ?? 0) <= 60_000) return;
  const at = new Date();
  row.seenAt = at;
  await write(at);
}

/**
 * Resolves a session token. An expired session yields null on the very next request; a disabled user, a deleted
 * session or a changed membership on the next request through this instance, within AUTH_CACHE_MS on any other.
 */
export async function actorFromSession(token: string, ip: string): Promise<Actor | null> {
  const row = await lookup("session", hashToken(token));
  const expiresAt = row && asDate(row.expiresAt);
  if (!row || !expiresAt || expiresAt < new Date()) return null;
  await markSeen(row, (at) => db.session.updateMany({ where: { id: row.id }, data: { lastSeenAt: at } }));
  return toActor(row, "session", ip);
}

export async function actorFromApiToken(token: string, ip: string): Promise<Actor | null> {
  const row = await lookup("token", hashToken(token));
  if (!row) return null;
  const expiresAt = asDate(row.expiresAt);
  if (expiresAt && expiresAt < new Date()) return null;
  await markSeen(row, (at) => db.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: at } }));
  return toActor(row, "token", ip);
}
