import "server-only";
import { ApiError } from "@/lib/api/errors";
import { invalid } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit";
import { forgetActorsOf } from "@/lib/auth/credential-cache";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/session";
import { keepFailures, loginThrottles, pairKey, releaseAttempts } from "@/lib/auth/throttle";
import { db } from "@/lib/db";

/** One answer for unknown users, wrong passwords and disabled accounts, so none can be told apart. */
const badCredentials = () => new ApiError(401, "invalid_credentials", "Invalid email or password");

const KNOWN_ADDRESS_DAYS = 90;

/** An address this account signed in from successfully in the last 90 days (the audit log remembers it). */
async function isKnownAddress(email: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - KNOWN_ADDRESS_DAYS * 86_400_000);
  const seen = await db.auditEvent.findFirst({
    where: { action: "session.create", outcome: "success", actorEmail: email, ip, at: { gte: since } },
    select: { id: true },
  });
  return seen !== null;
}

export async function login(email: string, password: string, meta: { ip: string; userAgent: string }) {
  const pair = pairKey(email, meta.ip);
  // Each counter reserves this attempt before the password is checked (lib/auth/throttle.ts: the count that
  // decides includes attempts made at the same moment on any instance).
  const [pairSlot, addressSlot, accountSlot] = await Promise.all([
    loginThrottles.pair.reserve(pair),
    loginThrottles.address.reserve(meta.ip),
    loginThrottles.account.reserve(email),
  ]);
  const slots = [pairSlot.id, addressSlot.id, accountSlot.id];
  const accountRefuses = accountSlot.over && !(await isKnownAddress(email, meta.ip));
  // A refused sign-in is audited under the address and email it named (no user: the email may not exist).
  const refused = (outcome: "denied" | "failure", reason: string) =>
    recordAudit({ action: "session.create", outcome, actorEmail: email, ip: meta.ip, detail: { reason } });
  if (pairSlot.over || addressSlot.over || accountRefuses) {
    await releaseAttempts(slots); // a refusal is not a failure
    const [pairWait, addressWait, accountWait] = await Promise.all([
      pairSlot.over ? loginThrottles.pair.retryAfter(pair) : 0,
      addressSlot.over ? loginThrottles.address.retryAfter(meta.ip) : 0,
      accountRefuses ? loginThrottles.account.retryAfter(email) : 0,
    ]);
    const wait = Math.max(pairWait, addressWait, accountWait);
    await refused("denied", "throttled");
    throw new ApiError(429, "throttled", `Too many failed sign-ins; try again in ${wait} s`, undefined, wait);
  }
  let ok = false;
  let user: {
    id: string;
    email: string;
    passwordHash: string;
    disabled: boolean;
    mustChangePassword: boolean;
  } | null = null;
  try {
    user = await db.user.findUnique({
      where: { email },
      select: { id: true, email: true, passwordHash: true, disabled: true, mustChangePassword: true },
    });
    // Always run argon2 once, so an unknown email costs as much time as a wrong password.
    ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  } catch (err) {
    await releaseAttempts(slots); // not an attempt that failed on its password
    throw err;
  }
  if (!user || !ok || user.disabled) {
    await keepFailures(); // the three reservations are this attempt's failures
    await refused("failure", "bad credentials");
    throw badCredentials();
  }
  await releaseAttempts(slots);
  await loginThrottles.pair.reset(pair);
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
  forgetActorsOf([userId]); // the one-time password's restriction ends with this request
}
