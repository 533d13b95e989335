import { ApiError, errorResponse, toApiError } from "@/lib/api/errors";
import { clientIp, isHttps, isSameOrigin, readBody, readCookie } from "@/lib/api/request";
import { readJson } from "@/lib/api/with-auth";
import {
  deleteSession,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  sessionCookieHeader,
} from "@/lib/auth/session";
import { login } from "@/lib/services/login";
import { LoginInput } from "@/lib/validations/auth";
import type { NextRequest } from "next/server";

const isForm = (req: Request) =>
  (req.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded");

/**
 * Sign in: JSON {email, password} → a new session cookie. The sign-in page's form also posts here
 * before JavaScript has loaded (form-encoded); that path answers with redirects instead of JSON.
 */
export async function POST(req: NextRequest) {
  const form = isForm(req);
  try {
    // A browser always sends Origin on POST; refusing foreign ones stops login CSRF.
    if (req.headers.get("origin") !== null && !isSameOrigin(req))
      throw new ApiError(403, "csrf", "Cross-site request refused");
    const input = form ? Object.fromEntries(new URLSearchParams(await readBody(req))) : await readJson(req);
    const { email, password } = LoginInput.parse(input);
    const meta = { ip: clientIp(req), userAgent: req.headers.get("user-agent") ?? "" };
    const session = await login(email, password, meta);
    const cookie = sessionCookieHeader(session.token, isHttps(req), session.maxAgeSeconds);
    if (form) return redirectTo(session.mustChangePassword ? "/settings?changePassword=1" : "/", cookie);
    return Response.json(
      { ok: true, mustChangePassword: session.mustChangePassword },
      { headers: { "set-cookie": cookie } },
    );
  } catch (err) {
    const e = toApiError(err);
    if (form) return redirectTo(`/login?error=${encodeURIComponent(e.code)}`);
    return errorResponse(e);
  }
}

function redirectTo(path: string, cookie?: string) {
  return new Response(null, {
    status: 303,
    headers: { location: path, ...(cookie ? { "set-cookie": cookie } : {}) },
  });
}

/** Sign out: the session row is deleted, so the cookie is worthless even if kept. */
export async function DELETE(req: NextRequest) {
  if (req.headers.get("origin") !== null && !isSameOrigin(req))
    return errorResponse(new ApiError(403, "csrf", "Cross-site request refused"));
  const token = readCookie(req, SECURE_SESSION_COOKIE) ?? readCookie(req, SESSION_COOKIE);
  if (token) await deleteSession(token);
  return new Response(null, {
    status: 204,
    headers: { "set-cookie": sessionCookieHeader("", isHttps(req), 0) },
  });
}
