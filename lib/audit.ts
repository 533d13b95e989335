import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db, jsonObject } from "@/lib/db";
import { redactDeep } from "@/lib/secrets/model";

export type AuditOutcome = "success" | "failure" | "denied";

export type AuditEntry = {
  action: string;
  outcome: AuditOutcome;
  actor?: Pick<Actor, "id" | "email" | "ip"> | null;
  actorEmail?: string;
  tenantId?: string | null;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, unknown>;
  ip?: string;
};

/** Appends one audit event. Never throws: a failing audit write is logged, not turned into a failed request. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  try {
    await db.auditEvent.create({
      data: {
        action: entry.action,
        outcome: entry.outcome,
        actorId: entry.actor?.id ?? null,
        actorEmail: entry.actor?.email ?? entry.actorEmail ?? "",
        tenantId: entry.tenantId ?? null,
        targetType: entry.targetType ?? "",
        targetId: entry.targetId ?? "",
        // The last guard: values under secret-looking keys and URL passwords never reach the audit log.
        detail: jsonObject(redactDeep(entry.detail ?? {})),
        ip: entry.actor?.ip ?? entry.ip ?? "",
      },
    });
  } catch (err) {
    console.error("[wharf] audit write failed", err);
  }
}
