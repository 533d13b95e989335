import { ApiError, errorResponse, toApiError } from "@/lib/api/errors";
import { clientIp } from "@/lib/api/request";
import { noContent, readJson, withAuth } from "@/lib/api/with-auth";
import { type AuditEntry, recordAudit } from "@/lib/audit";
import {
  clearAppBuildSource,
  getAppBuildSource,
  handleWebhook,
  setAppBuildSource,
  type WebhookOutcome,
} from "@/lib/services/app-source";
import { AppBuildSourcePut } from "@/lib/validations/build";
import type { NextRequest } from "next/server";

const MAX_BODY = 5 * 1024 * 1024;
type Ctx = { params: Promise<{ appId: string }> };

/** Reads the raw body (the signature is over these exact bytes), refusing more than MAX_BODY. */
async function rawBody(req: Request): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  if (!req.body) return Buffer.alloc(0);
  for await (const c of req.body) {
    n += c.length;
    if (n > MAX_BODY) throw new ApiError(413, "too_large", "Webhook body larger than 5 MiB");
    chunks.push(Buffer.from(c));
  }
  return Buffer.concat(chunks);
}

/** What each outcome records in the audit log and answers the forge. */
function answerFor(outcome: WebhookOutcome): {
  audit: Pick<AuditEntry, "outcome" | "tenantId" | "detail">;
  response: Response;
} {
  switch (outcome.kind) {
    case "unknown":
      return {
        audit: { outcome: "denied", detail: { reason: "no webhook configured for this app" } },
        response: errorResponse(new ApiError(404, "not_found", "No webhook here")),
      };
    case "denied":
      return {
        audit: { outcome: "denied", tenantId: outcome.tenantId, detail: { reason: outcome.reason } },
        response: errorResponse(new ApiError(401, "bad_signature", `Webhook refused: ${outcome.reason}`)),
      };
    case "ignored":
      return {
        audit: { outcome: "success", tenantId: outcome.tenantId, detail: { ignored: outcome.reason } },
        response: Response.json({ ignored: true, reason: outcome.reason }),
      };
    case "duplicate":
      // Acted on already, by this instance or another: answered as a success, so the forge stops retrying.
      return {
        audit: { outcome: "success", tenantId: outcome.tenantId, detail: { duplicate: outcome.deliveryId } },
        response: Response.json({ duplicate: true, deliveryId: outcome.deliveryId }),
      };
    case "deploying":
      return {
        audit: { outcome: "success", tenantId: outcome.tenantId, detail: { deploying: true } },
        response: Response.json({ deploying: true }, { status: 202 }),
      };
    case "queued":
      return {
        audit: { outcome: "success", tenantId: outcome.tenantId, detail: { buildId: outcome.buildId } },
        response: Response.json({ buildId: outcome.buildId }, { status: 202 }),
      };
  }
}

/**
 * The webhook itself: no session — the HMAC-SHA256 signature with the app's secret is the authentication.
 * Refusals are audited with the caller's address.
 */
export async function POST(req: NextRequest, ctx: Ctx): Promise<Response> {
  const { appId } = await ctx.params;
  const base = {
    action: "app.webhook",
    actorEmail: "webhook",
    ip: clientIp(req),
    targetType: "app",
    targetId: appId,
  };
  try {
    const { audit, response } = answerFor(await handleWebhook(appId, await rawBody(req), req.headers));
    await recordAudit({ ...base, ...audit });
    return response;
  } catch (err) {
    const e = toApiError(err);
    await recordAudit({ ...base, outcome: "failure", detail: { status: e.status, error: e.message } });
    return errorResponse(e);
  }
}

/** The app's build source and webhook URL + secret (developers of the app's tenant). */
export const GET = withAuth(async ({ actor, params }) => getAppBuildSource(actor, params.appId));

export const PUT = withAuth(
  async ({ req, actor, params, audit }) => {
    const { rotateSecret: rotate, ...input } = AppBuildSourcePut.parse(await readJson(req));
    Object.assign(audit, {
      targetType: "app",
      targetId: params.appId,
      detail: { url: input.git.url.replace(/\/\/[^@/]*@/, "//"), ref: input.git.ref, rotate },
    });
    const { tenantId, ...view } = await setAppBuildSource(actor, params.appId, input, rotate);
    audit.tenantId = tenantId;
    return view;
  },
  { action: "app.build-source" },
);

export const DELETE = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "app", targetId: params.appId });
    audit.tenantId = (await clearAppBuildSource(actor, params.appId)).tenantId;
    return noContent();
  },
  { action: "app.build-source.delete" },
);
