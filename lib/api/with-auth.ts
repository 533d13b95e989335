import "server-only";
import { ApiError, errorResponse, forbidden, toApiError, unauthorized } from "@/lib/api/errors";
import { clientIp, isMutation, isSameOrigin, readCookie } from "@/lib/api/request";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import {
  actorFromApiToken,
  actorFromSession,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
} from "@/lib/auth/session";
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
};

type RouteContext = { params: Promise<Record<string, string>> };

/** Resolves the caller from `Authorization: Bearer` or the session cookie; cookie mutations must come from our own origin. */
export async function authenticate(req: Request): Promise<Actor> {
  const ip = clientIp(req);
  const auth = req.headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) {
    const actor = await actorFromApiToken(auth.slice(7).trim(), ip);
    if (!actor) throw unauthorized("Invalid or revoked API token");
    return actor;
  }
  const token = readCookie(req, SECURE_SESSION_COOKIE) ?? readCookie(req, SESSION_COOKIE);
  const actor = token ? await actorFromSession(token, ip) : null;
  if (!actor) throw unauthorized();
  return actor;
}

export function withAuth(handler: (args: HandlerArgs) => Promise<unknown>, options: Options = {}) {
  return async (req: NextRequest, context: RouteContext): Promise<Response> => {
    const params = (await context?.params) ?? {};
    const audit: AuditDraft = {};
    let actor: Actor | null = null;
    try {
      actor = await authenticate(req);
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
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      const apiError = toApiError(err);
      if (options.action && actor) {
        await recordAudit({
          action: options.action,
          outcome: apiError.status === 403 ? "denied" : "failure",
          actor,
          ...audit,
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

export const created = (body: unknown) => Response.json(body, { status: 201 });
export const noContent = () => new Response(null, { status: 204 });

/** Reads a JSON body; a body that is not JSON is a 422 naming the body, not a 500. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(422, "invalid", "body: not valid JSON", { body: "not valid JSON" });
  }
}

/** Validates the query string with a zod schema (errors become 422 naming the parameter). */
export function readQuery<T>(req: Request, schema: { parse(input: unknown): T }): T {
  return schema.parse(Object.fromEntries(new URL(req.url).searchParams));
}
