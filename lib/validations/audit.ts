import { z } from "zod";

export const AuditQuery = z.object({
  userId: z.string().max(64).optional(),
  tenantId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  outcome: z.enum(["success", "failure", "denied"]).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(64).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditView = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string(),
  action: z.string(),
  tenantId: z.string().nullable(),
  targetType: z.string(),
  targetId: z.string(),
  /** The target's current name, when its type has one and it still exists. */
  targetName: z.string().nullable(),
  outcome: z.enum(["success", "failure", "denied"]),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string(),
});
export type AuditView = z.infer<typeof AuditView>;

export const AuditPage = z.object({ items: z.array(AuditView), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
