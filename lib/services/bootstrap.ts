import "server-only";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/deploy/quotas";
import { Email, Password } from "@/lib/validations/auth";

/**
 * Creates the first admin when there is no user at all. There is no sign-up page and no default password:
 * the credentials come from WHARF_ADMIN_EMAIL / WHARF_ADMIN_PASSWORD, or a strong password is generated and printed once.
 */
export async function ensureFirstAdmin(): Promise<void> {
  if ((await db.user.count()) > 0) return;
  const email = Email.parse(config.adminEmail || "admin@wharf.local");
  let password = config.adminPassword;
  if (password) Password.parse(password);
  else password = generatePassword();
  try {
    await db.user.create({
      data: { email, name: "Administrator", globalRole: "admin", passwordHash: await hashPassword(password) },
    });
  } catch (err) {
    // Instances started at the same moment on one database: the unique email lets one of them create it.
    if (!isUniqueViolation(err)) throw err;
    return console.log(`[wharf] first admin ${email} was created by another instance`);
  }
  if (config.adminPassword) {
    console.log(`[wharf] first admin created: ${email} (password from WHARF_ADMIN_PASSWORD)`);
  } else {
    console.log(
      `\n[wharf] ===== first admin created =====\n[wharf] email:    ${email}\n[wharf] password: ${password}\n[wharf] (shown once; change it after signing in)\n`,
    );
  }
}
