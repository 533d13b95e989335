import "server-only";
import { type z } from "zod";
import { conflict, invalid, notFound } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { endSessionsOf } from "@/lib/auth/ended-sessions";
import { recheckStreamsOf } from "@/lib/auth/live-streams";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import type * as Users from "@/lib/validations/user";

const include = { memberships: { include: { tenant: { select: { name: true } } } } } as const;
const findUser = (id: string) => db.user.findUnique({ where: { id }, include });
/** As the database gives it (the password hash is omitted by default, lib/db.ts); roles are Prisma enums. */
type Row = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export const toUserView = (u: Row): Users.UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  globalRole: u.globalRole,
  disabled: u.disabled,
  mustChangePassword: u.mustChangePassword,
  createdAt: u.createdAt.toISOString(),
  memberships: u.memberships.map((m) => ({ tenantId: m.tenantId, tenantName: m.tenant.name, role: m.role })),
});

export async function listUsers(): Promise<Users.UserView[]> {
  const rows = await db.user.findMany({ include, orderBy: { email: "asc" } });
  return rows.map(toUserView);
}

export async function getUser(id: string): Promise<Users.UserView> {
  const u = await findUser(id);
  if (!u) throw notFound("User");
  return toUserView(u);
}

/** Creates a user with a one-time password, returned once; they must change it at first login. */
export async function createUser(
  input: z.infer<typeof Users.UserCreateInput>,
): Promise<Users.UserCreatedView> {
  if (await db.user.findUnique({ where: { email: input.email } }))
    throw conflict("A user with this email already exists", { email: "already taken" });
  const tenantIds = input.memberships.map((m) => m.tenantId);
  if ((await db.tenant.count({ where: { id: { in: tenantIds } } })) !== new Set(tenantIds).size)
    throw invalid("memberships: unknown tenant", { memberships: "unknown tenant" });
  const oneTimePassword = generatePassword();
  const u = await db.user.create({
    data: {
      email: input.email,
      name: input.name,
      globalRole: input.globalRole,
      passwordHash: await hashPassword(oneTimePassword),
      mustChangePassword: true,
      memberships: { create: input.memberships.map((m) => ({ tenantId: m.tenantId, role: m.role })) },
    },
    include,
  });
  return { user: toUserView(u), oneTimePassword };
}

export async function updateUser(
  actor: Actor,
  id: string,
  input: z.infer<typeof Users.UserUpdateInput>,
): Promise<Users.UserUpdatedView> {
  await getUser(id);
  if (id === actor.id && (input.disabled === true || (input.globalRole && input.globalRole !== "admin"))) {
    throw invalid("You cannot disable yourself or drop your own admin role", {
      [input.disabled ? "disabled" : "globalRole"]: "cannot change your own access",
    });
  }
  let oneTimePassword: string | undefined;
  const data: Record<string, unknown> = {
    name: input.name,
    globalRole: input.globalRole,
    disabled: input.disabled,
  };
  if (input.resetPassword) {
    oneTimePassword = generatePassword();
    Object.assign(data, { passwordHash: await hashPassword(oneTimePassword), mustChangePassword: true });
  }
  const u = await db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id }, data, include });
    // A disabled user, or one whose password was reset, loses every session and token at once.
    if (input.disabled || input.resetPassword)
      await endSessionsOf(tx, id, input.disabled ? "account_disabled" : "password_reset");
    return updated;
  });
  // Open consoles and streams end now if the change took their rights away (lib/auth/live-streams.ts).
  const reason = input.disabled
    ? "your account was disabled"
    : input.resetPassword
      ? "your password was reset"
      : "your account was changed";
  await recheckStreamsOf(id, reason);
  return { user: toUserView(u), ...(oneTimePassword ? { oneTimePassword } : {}) };
}
