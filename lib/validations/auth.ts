import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1024;

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email("must be an email address"));
export const Password = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

/** Only the lengths are checked here: any other wrong value is answered as a failed sign-in. */
export const LoginInput = z.object({
  email: z.string().trim().toLowerCase().max(254, "must be at most 254 characters"),
  password: z.string().max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`),
});
/** A sign-in's answer: the session cookie is set; a one-time password must be changed first. */
export const SessionView = z.object({ ok: z.boolean(), mustChangePassword: z.boolean() });
export type SessionView = z.infer<typeof SessionView>;
export const ChangePasswordInput = z.object({
  currentPassword: z.string().max(PASSWORD_MAX),
  newPassword: Password,
});

/**
 * What an API token may be used for. `api`: everything its owner may do (the API, streams, the console). `metrics`:
 * `GET /metrics` only, for a Prometheus server's configuration file; only admins and ops may hold one, and it stops
 * working when its owner is no longer admin or ops.
 */
export const tokenScopes = ["api", "metrics"] as const;
export const TokenScope = z.enum(tokenScopes);
export type TokenScope = z.infer<typeof TokenScope>;
/** The stored column: scopes comma-separated (SQLite has no lists). */
export const StoredTokenScopes = z
  .string()
  .transform((s) => s.split(",").filter(Boolean))
  .pipe(z.array(TokenScope).min(1));

export const TokenCreateInput = z.object({
  name: z.string().trim().min(1, "is required").max(64),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
  scopes: z
    .array(TokenScope)
    .min(1, "choose at least one scope")
    .transform((s) => [...new Set(s)].sort())
    .default(["api"]),
});
export const TokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  scopes: z.array(TokenScope),
});
export type TokenView = z.infer<typeof TokenView>;
/** The token itself is in this answer only (POST /tokens); afterwards only its prefix is shown. */
export const CreatedTokenView = TokenView.extend({ token: z.string() });
export type CreatedTokenView = z.infer<typeof CreatedTokenView>;

/** Why a browser's session stopped working: the 401's error code, shown on the sign-in page (`?reason=`). */
export const SignedOutReason = z.enum([
  "account_disabled",
  "password_reset",
  "session_expired",
  "session_ended",
]);
export type SignedOutReason = z.infer<typeof SignedOutReason>;
export const SIGNED_OUT_MESSAGES: Record<SignedOutReason, string> = {
  account_disabled: "You were signed out: an administrator disabled your account.",
  password_reset: "You were signed out: an administrator reset your password. Sign in with the new one.",
  session_expired: "Your session expired. Sign in again.",
  session_ended: "Your session has ended (signed out, or ended by an administrator). Sign in again.",
};
