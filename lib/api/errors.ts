import "server-only";
import { ZodError } from "zod";
import type { ErrorCode } from "@/lib/api/error-codes";
import { invalidInput, type FieldErrors } from "@/lib/api/invalid-input";
import { engineMessage, engineStatus, isUnreachable } from "@/lib/docker/engine-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { maskUrlCredentials } from "@/lib/secrets/model";

export type { FieldErrors };

/** The message of anything thrown (an Error's, or the value itself as text). */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
/** A failed call's `code` (errno, SQLite, engine), when it carries a string one. */
export const errorCode = (err: unknown): string | undefined =>
  err instanceof Object && "code" in err && typeof err.code === "string" ? err.code : undefined;

/** An error meant for the client: its status, code and message are sent as they are. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    /** Seconds until a retry may succeed: sent as `Retry-After` and as `error.retryAfter`. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/**
 * A refusal to act in a tenant: answered as the wrapped error (404 hides that the object exists), but
 * audited as "denied" under the tenant it targeted, so a tenant's review shows who tried its objects.
 */
export class TenantRefusal extends ApiError {
  constructor(
    refusal: ApiError,
    readonly tenantId: string,
  ) {
    super(refusal.status, refusal.code, refusal.message, refusal.fields);
  }
}

export const unauthorized = (message = "Sign in to continue") => new ApiError(401, "unauthorized", message);
export const forbidden = (message = "You are not allowed to do this", fields?: FieldErrors) =>
  new ApiError(403, "forbidden", message, fields);
/** Also used for objects the caller may not see, so their existence does not leak. */
export const notFound = (what = "Resource") => new ApiError(404, "not_found", `${what} not found`);
export const conflict = (message: string, fields?: FieldErrors) =>
  new ApiError(409, "conflict", message, fields);
export const invalid = (message: string, fields?: FieldErrors) =>
  new ApiError(422, "invalid", message, fields);

/**
 * The engine answers some clashes with an object's current state with a 500, not a 409 (Docker 20.10: a restart
 * that overlaps another action of the same container: "Cannot restart container …: Container … is not running").
 * Those are a 409 (the user may retry); any other engine 500 stays a server error.
 */
const ENGINE_STATE_CLASH =
  /is not running|is restarting|is paused|is not paused|is dead|marked for removal|is already in progress|operation is already running/i;

/**
 * The one engine-error mapper. An engine that refused (a 4xx) refused because of what the user asked: 404 names
 * `what`, 409 is a conflict, other 4xx are invalid input, each with the engine's own reason. A 503 is passed on;
 * an engine that never answered is `host_unreachable`. Anything else is returned as it is.
 */
export function engineError(err: unknown, what = "Resource"): unknown {
  const status = engineStatus(err);
  if (status === 500 && ENGINE_STATE_CLASH.test(engineMessage(err)))
    return conflict(`The engine says: ${engineMessage(err)}`);
  if (status === 404) return notFound(what);
  if (status === 409) return conflict(`The engine says: ${engineMessage(err)}`);
  if (status === 503) return new ApiError(503, "unavailable", engineMessage(err));
  if (status && status >= 400 && status < 500)
    return invalid(`The engine refused the request: ${engineMessage(err)}`);
  if (isUnreachable(err))
    return new ApiError(502, "host_unreachable", `${what}: the host's engine does not answer`);
  return err;
}

/**
 * A read a deploy cannot go on without (the host's state, its images' owners) failed: `host_unreachable` with the
 * engine's reason, whatever the socket said, so the deploy stops before it changes anything. API errors pass as they are.
 */
export const hostReadError = (err: unknown): ApiError =>
  err instanceof ApiError
    ? err
    : new ApiError(502, "host_unreachable", `The host's engine did not answer: ${engineMessage(err)}`);

/** `.catch(rethrow("Image"))`: an engine call's failure as the API error `engineError` maps it to. */
export const rethrow = (what: string) => (err: unknown) => Promise.reject(engineError(err, what));

/** Maps any thrown value to the JSON error shape `{error: {code, message, fields?}}`. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) {
    const { message, fields } = invalidInput(err);
    return invalid(message, fields);
  }
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === "P2002") {
      const target = String(err.meta?.target ?? "value");
      return conflict(`That ${target} is already taken`);
    }
    if (err.code === "P2025") return notFound();
  }
  // Every path that forgot to map an engine failure still answers with the engine's reason, never a 500.
  const engine = engineError(err);
  if (engine instanceof ApiError) return engine;
  console.error("[wharf] unhandled error", err);
  return new ApiError(
    500,
    "internal",
    "Something went wrong on the server; the details are in the server log",
  );
}

/** The one error shape every answer uses: `{error: {code, message, fields?}}`. */
export const errorBody = (err: ApiError) => ({
  // URL passwords (an engine or git message quoting a URL) never reach a client.
  error: {
    code: err.code,
    message: maskUrlCredentials(err.message),
    ...(err.retryAfter !== undefined ? { retryAfter: err.retryAfter } : {}),
    ...(err.fields
      ? {
          fields: Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, maskUrlCredentials(v)])),
        }
      : {}),
  },
});

export function errorResponse(err: ApiError, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  if (err.retryAfter !== undefined) h.set("retry-after", String(err.retryAfter));
  return Response.json(errorBody(err), { status: err.status, headers: h });
}
