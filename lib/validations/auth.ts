import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1024;

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email("must be an email address"));
export const Password = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

export const LoginInput = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(PASSWORD_MAX),
});
export const ChangePasswordInput = z.object({
  currentPassword: z.string().max(PASSWORD_MAX),
  newPassword: Password,
});

export const TokenCreateInput = z.object({
  name: z.string().trim().min(1, "is required").max(64),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const TokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
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
