// Every error code the API answers with. The server's ApiError, the OpenAPI document's error body and the client
// share this closed list, so a new code is added here first and a typo fails the type check.
export const ERROR_CODES = [
  "unauthorized",
  // A 401 for a session someone else ended, naming why (SignedOutReason in lib/validations/auth.ts).
  "account_disabled",
  "password_reset",
  "session_expired",
  "session_ended",
  "invalid_credentials",
  "password_change_required",
  "forbidden",
  "csrf",
  "bad_signature",
  "not_found",
  "method_not_allowed",
  "conflict",
  "too_large",
  "unsupported_media_type",
  "invalid",
  "missing_variables",
  "quota_exceeded",
  "deploy_failed",
  "throttled",
  "host_unreachable",
  "unavailable",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const isErrorCode = (v: unknown): v is ErrorCode =>
  typeof v === "string" && ERROR_CODES.some((c) => c === v);
