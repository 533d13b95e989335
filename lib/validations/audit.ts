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
  outcome: z.string(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string(),
});
