import "server-only";
import { ApiError } from "@/lib/api/errors";
import { invalid } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/session";
import { loginThrottles } from "@/lib/auth/throttle";
import { db } from "@/lib/db";

/** One answer for unknown users, wrong passwords and disabled accounts, so none can be told apart. */
const badCredentials = () => new ApiError(401, "invalid_credentials", "Invalid email or password");

export async function login(email: string, password: string, meta: { ip: string; userAgent: string }) {
  const wait = Math.max(loginThrottles.account.retryAfter(email), loginThrottles.address.retryAfter(meta.ip));
  if (wait > 0) {
    await recordAudit({
      action: "session.create",
      outcome: "denied",
      actorEmail: email,
      ip: meta.ip,
      detail: { reason: "throttled" },
    });
    throw new ApiError(429, "throttled", `Too many failed sign-ins; try again in ${wait} s`);
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, passwordHash: true, disabled: true, mustChangePassword: true },
  });
  // Always run argon2 once, so an unknown email costs as much time as a wrong password.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.disabled) {
    loginThrottles.account.fail(email);
    loginThrottles.address.fail(meta.ip);
    await recordAudit({
      action: "session.create",
      outcome: "failure",
      actorEmail: email,
      ip: meta.ip,
      detail: { reason: "bad credentials" },
    });
    throw badCredentials();
  }
  loginThrottles.account.reset(email);
  const session = await createSession(user.id, meta);
  await recordAudit({
    action: "session.create",
    outcome: "success",
    actor: { id: user.id, email: user.email, ip: meta.ip },
  });
  return { ...session, mustChangePassword: user.mustChangePassword };
}

export async function changePassword(userId: string, currentPassword: string, newPassword: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword)))
    throw invalid("currentPassword: does not match", { currentPassword: "does not match" });
  await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(newPassword), mustChangePassword: false },
  });
}
