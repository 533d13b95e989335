import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { clientIpFrom } from "@/lib/auth/client-address";
import { whySignedOut } from "@/lib/auth/ended-sessions";
import { actorFromSession, SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@/lib/auth/session";

const sessionToken = async () => {
  const jar = await cookies();
  return jar.get(SECURE_SESSION_COOKIE)?.value ?? jar.get(SESSION_COOKIE)?.value;
};

/** For server components: the signed-in actor, or null. */
export async function currentActor(): Promise<Actor | null> {
  const token = await sessionToken();
  if (!token) return null;
  return actorFromSession(token, clientIpFrom(await headers()));
}

/** The sign-in page, saying why when a session cookie was sent that no longer signs anyone in. */
async function signInPage(): Promise<string> {
  const token = await sessionToken();
  return token ? `/login?reason=${await whySignedOut(token)}` : "/login";
}

/**
 * Every console page calls this first, so a signed-out or disabled user lands on the sign-in page on their next
 * click, and one holding a one-time password on the page that changes it (`passwordChange`: the pages that allow it).
 */
export async function requireActor(
  opts: { globalRole?: "admin" | "ops"; passwordChange?: boolean } = {},
): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(await signInPage());
  if (actor.mustChangePassword && !opts.passwordChange) redirect("/settings?changePassword=1");
  if (opts.globalRole === "admin" && actor.globalRole !== "admin") redirect("/");
  if (opts.globalRole === "ops" && actor.globalRole === "none") redirect("/");
  return actor;
}

/** For pages: a service's 404 (missing, or another tenant's) becomes the Next.js not-found page; other errors propagate. */
export function orNotFound<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((err) => {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  });
}
