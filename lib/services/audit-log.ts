import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { targetNames } from "@/lib/services/audit-targets";
import { type AuditPage, type AuditQuery } from "@/lib/validations/audit";

/** AuditEvent.detail: a JSON object written by the route that audited the request. */
const AuditDetail = z.record(z.string(), z.unknown());
export const auditDetail = (stored: Prisma.JsonValue) => AuditDetail.parse(stored);

/** Newest first, keyset-paged by id within the time order. */
export async function listAuditEvents(q: AuditQuery): Promise<AuditPage> {
  const rows = await db.auditEvent.findMany({
    where: {
      ...(q.userId ? { actorId: q.userId } : {}),
      ...(q.tenantId ? { tenantId: q.tenantId } : {}),
      ...(q.action ? { action: { startsWith: q.action } } : {}),
      ...(q.outcome ? { outcome: q.outcome } : {}),
      ...(q.from || q.to
        ? { at: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lte: new Date(q.to) } : {}) } }
        : {}),
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, q.limit);
  const names = await targetNames(page);
  return {
    items: page.map((e) => ({
      ...e,
      // Deleted targets keep their id only.
      targetName: names.get(`${e.targetType}:${e.targetId}`) ?? null,
      at: e.at.toISOString(),
      detail: auditDetail(e.detail),
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
  };
}
