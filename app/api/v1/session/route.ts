import type { NextRequest } from "next/server";
import { ApiError, errorResponse, toApiError } from "@/lib/api/errors";
import { clientIp, isHttps, isSameOrigin, readCookie } from "@/lib/api/request";
import { readJson } from "@/lib/api/with-auth";
import { deleteSession, SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionCookieHeader } from "@/lib/auth/session";
import { login } from "@/lib/services/login";
import { LoginInput } from "@/lib/validations/auth";

/** Sign in: JSON {email, password} → a new session cookie. */
export async function POST(req: NextRequest) {
  try {
    // A browser always sends Origin on POST; refusing foreign ones stops login CSRF.
    if (req.headers.get("origin") !== null && !isSameOrigin(req)) throw new ApiError(403, "csrf", "Cross-site request refused");
    const { email, password } = LoginInput.parse(await readJson(req));
    const meta = { ip: clientIp(req), userAgent: req.headers.get("user-agent") ?? "" };
    const session = await login(email, password, meta);
    const secure = isHttps(req);
    return Response.json(
      { ok: true, mustChangePassword: session.mustChangePassword },
      { headers: { "set-cookie": sessionCookieHeader(session.token, secure, session.maxAgeSeconds) } },
    );
  } catch (err) {
    const e = toApiError(err);
    return errorResponse(e, e.status === 429 ? { "retry-after": e.message.match(/(\d+) s/)?.[1] ?? "60" } : undefined);
  }
}

/** Sign out: the session row is deleted, so the cookie is worthless even if kept. */
export async function DELETE(req: NextRequest) {
  if (req.headers.get("origin") !== null && !isSameOrigin(req)) return errorResponse(new ApiError(403, "csrf", "Cross-site request refused"));
  const token = readCookie(req, SECURE_SESSION_COOKIE) ?? readCookie(req, SESSION_COOKIE);
  if (token) await deleteSession(token);
  return new Response(null, { status: 204, headers: { "set-cookie": sessionCookieHeader("", isHttps(req), 0) } });
}
