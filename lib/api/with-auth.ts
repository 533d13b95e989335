import "server-only";
import {
  ApiError,
  errorResponse,
  forbidden,
  TenantRefusal,
  toApiError,
  unauthorized,
} from "@/lib/api/errors";
import { guardStream, isStreamResponse } from "@/lib/api/live-response";
import {
  clientIp,
  isJsonType,
  isMutation,
  isSameOrigin,
  readBody,
  readCookie,
  type RequestHead,
} from "@/lib/api/request";
import { recordAudit } from "@/lib/audit";
import { credentialAllows, type Actor } from "@/lib/auth/actor";
import { signedOut, whySignedOut } from "@/lib/auth/ended-sessions";
import {
  actorFromApiToken,
  actorFromSession,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
} from "@/lib/auth/session";
import type { TokenScope } from "@/lib/validations/auth";
import type { NextRequest } from "next/server";

/** What a handler tells the audit log about the object it touched. */
export type AuditDraft = {
  tenantId?: string | null;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, unknown>;
};

export type HandlerArgs = {
  req: NextRequest;
  actor: Actor;
  params: Record<string, string>;
  audit: AuditDraft;
};

type Options = {
  /** Audit action name, e.g. "project.create"; mutations with an action are audited on success, failure and refusal. */
  action?: string;
  /** "admin": admins only; "ops": admins and ops. Tenant-level checks live in lib/services, next to the data. */
  globalRole?: "admin" | "ops";
  /** Allowed while the caller still holds a one-time password (reading who they are, changing the password). */
  passwordChange?: true;
  /**
   * For streaming answers (SSE, NDJSON, chunked text): the stream's own authorization, re-run with a freshly
   * authenticated actor every 30 s and at once when the user's access changes; when it throws, the stream ends with
   * a `revoked` frame. Every stream is re-authenticated even without it (lib/api/live-response.ts).
   */
  live?: (args: { actor: Actor; params: Record<string, string> }) => Promise<unknown>;
  /** The token scopes that reach this route, any of them (default `api`); sessions have every scope. */
  scopes?: readonly TokenScope[];
};

type RouteContext = { params: Promise<Record<string, string>> };

export const passwordChangeRequired = () =>
  new ApiError(
    403,
    "password_change_required",
    "Change your one-time password first (POST /api/v1/me/password); nothing else is allowed until then",
  );

/**
 * Resolves the caller from `Authorization: Bearer` or the session cookie. A caller who still holds a one-time
 * password is refused (403 password_change_required) unless `passwordChange` says the route is one they may use.
 * A token is refused (403) where its scopes do not reach: `scopes` are those that reach the route, `api` unless it
 * says so (a `metrics` token reaches only GET /metrics).
 */
export async function authenticate(
  req: RequestHead,
  opts: { passwordChange?: boolean; scopes?: readonly TokenScope[] } = {},
): Promise<Actor> {
  const actor = await resolveActor(req);
  if (actor.mustChangePassword && !opts.passwordChange) throw passwordChangeRequired();
  const scopes = opts.scopes ?? API_SCOPE;
  if (!scopes.some((scope) => credentialAllows(actor, scope)))
    throw forbidden(`This API token's scopes do not reach here (it needs: ${scopes.join(" or ")})`);
  return actor;
}
const API_SCOPE: readonly TokenScope[] = ["api"];

async function resolveActor(req: RequestHead): Promise<Actor> {
  const ip = clientIp(req);
  const auth = req.headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) {
    const actor = await actorFromApiToken(auth.slice(7).trim(), ip);
    if (!actor) throw unauthorized("Invalid or revoked API token");
    return actor;
  }
  const token = readCookie(req, SECURE_SESSION_COOKIE) ?? readCookie(req, SESSION_COOKIE);
  if (!token) throw unauthorized();
  const actor = await actorFromSession(token, ip);
  // A browser that was signed out by someone else is told why (the sign-in page shows it).
  if (!actor) throw signedOut(await whySignedOut(token));
  return actor;
}

export function withAuth(handler: (args: HandlerArgs) => Promise<unknown>, options: Options = {}) {
  return async (req: NextRequest, context: RouteContext): Promise<Response> => {
    const params = (await context?.params) ?? {};
    const audit: AuditDraft = {};
    let actor: Actor | null = null;
    try {
      actor = await authenticate(req, { passwordChange: options.passwordChange, scopes: options.scopes });
      if (actor.via === "session" && isMutation(req.method) && !isSameOrigin(req)) {
        throw new ApiError(
          403,
          "csrf",
          "Cross-site request refused: the Origin header does not match this server",
        );
      }
      if (options.globalRole === "admin" && actor.globalRole !== "admin")
        throw forbidden("Only admins can do this");
      if (options.globalRole === "ops" && actor.globalRole === "none")
        throw forbidden("Only admins and ops can do this");
      const result = await handler({ req, actor, params, audit });
      if (options.action) await recordAudit({ action: options.action, outcome: "success", actor, ...audit });
      if (!(result instanceof Response)) return Response.json(result);
      if (!isStreamResponse(result)) return result;
      return guardStream(result, actor.id, async () => {
        const fresh = await authenticate(req, {
          passwordChange: options.passwordChange,
          scopes: options.scopes,
        });
        await options.live?.({ actor: fresh, params });
      });
    } catch (err) {
      const apiError = toApiError(err);
      if (options.action && actor) {
        const refusedIn = err instanceof TenantRefusal ? err.tenantId : undefined;
        await recordAudit({
          action: options.action,
          outcome: apiError.status === 403 || refusedIn ? "denied" : "failure",
          actor,
          ...audit,
          // A refusal is filed under the tenant it targeted, else under the caller's only tenant.
          tenantId: audit.tenantId ?? refusedIn ?? soleTenant(actor),
          detail: {
            ...audit.detail,
            status: apiError.status,
            error: apiError.message,
            ...(apiError.fields ? { fields: apiError.fields } : {}),
          },
        });
      }
      return errorResponse(apiError);
    }
  };
}

function soleTenant(actor: Actor): string | undefined {
  const ids = [...actor.memberships.keys()];
  return ids.length === 1 ? ids[0] : undefined;
}

export const created = (body: unknown) => Response.json(body, { status: 201 });
export const noContent = () => new Response(null, { status: 204 });

/** Deeper JSON is refused before parsing: deep nesting only serves to overflow a recursive reader downstream. */
export const MAX_JSON_DEPTH = 64;

/** How deep `[`/`{` nest in JSON text, ignoring strings; stops counting once over `max`. */
function jsonDepthOver(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/**
 * Reads a JSON body, up to the route's size limit (413 beyond it). Only a JSON content type is parsed as JSON
 * (415 otherwise, so a cross-site `text/plain` form post cannot pass for JSON); a body that is not JSON, or nested
 * deeper than MAX_JSON_DEPTH, is a 422 naming the body. An empty body reads as `{}`.
 */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  const unsupported = () =>
    new ApiError(
      415,
      "unsupported_media_type",
      `body: send it as application/json${type ? `, not ${type.split(";")[0]}` : ""}`,
      { body: "Content-Type must be application/json" },
    );
  // A declared non-JSON type is refused unread; a body with no type at all is refused once it proves non-empty.
  if (type && !isJsonType(type)) throw unsupported();
  const text = await readBody(req);
  if (!text) return {};
  if (!type) throw unsupported();
  if (jsonDepthOver(text, MAX_JSON_DEPTH))
    throw new ApiError(422, "invalid", `body: nested deeper than ${MAX_JSON_DEPTH} levels`, {
      body: `nested deeper than ${MAX_JSON_DEPTH} levels`,
    });
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(422, "invalid", "body: not valid JSON", { body: "not valid JSON" });
  }
}

/** Validates the query string with a zod schema (errors become 422 naming the parameter). */
export function readQuery<T>(req: RequestHead, schema: { parse(input: unknown): T }): T {
  return schema.parse(Object.fromEntries(new URL(req.url).searchParams));
}
