import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { visibleTenantIds } from "@/lib/authz";
import { db } from "@/lib/db";
import type {
  NotificationListQuery,
  NotificationPreferenceInput,
  NotificationPreferenceView,
  MarkedReadView,
  NotificationReadInput,
  UnreadCountView,
  NotificationView,
} from "@/lib/validations/alerts";

// The in-app notification centre: each user's own rows, and only for alerts the user may still see (someone who
// left a tenant no longer reads its alerts).

function mine(actor: Actor) {
  const ids = visibleTenantIds(actor);
  return { userId: actor.id, ...(ids ? { alert: { tenantId: { in: ids } } } : {}) };
}

export async function listNotifications(
  actor: Actor,
  q: z.infer<typeof NotificationListQuery>,
): Promise<NotificationView[]> {
  const rows = await db.notification.findMany({
    where: { ...mine(actor), ...(q.unread === "true" ? { readAt: null } : {}) },
    include: { alert: { select: { title: true, severity: true, tenantId: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit,
  });
  return rows.map((n) => ({
    id: n.id,
    alertId: n.alertId,
    reason: n.reason,
    title: n.alert.title,
    severity: n.alert.severity,
    tenantId: n.alert.tenantId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  }));
}

export async function unreadNotifications(actor: Actor): Promise<UnreadCountView> {
  return { unread: await db.notification.count({ where: { ...mine(actor), readAt: null } }) };
}

export async function markNotificationsRead(
  actor: Actor,
  input: z.infer<typeof NotificationReadInput>,
): Promise<MarkedReadView> {
  const { count } = await db.notification.updateMany({
    where: { ...mine(actor), readAt: null, ...(input.all ? {} : { id: { in: input.ids ?? [] } }) },
    data: { readAt: new Date() },
  });
  return { marked: count };
}

const Muted = z.array(z.string());

export async function notificationPreferences(actor: Actor): Promise<NotificationPreferenceView> {
  const p = await db.notificationPreference.findUnique({ where: { userId: actor.id } });
  return {
    minSeverity: p?.minSeverity ?? "info",
    mutedTenantIds: Muted.catch([]).parse(p?.mutedTenantIds ?? []),
  };
}

export async function saveNotificationPreferences(
  actor: Actor,
  input: z.infer<typeof NotificationPreferenceInput>,
): Promise<NotificationPreferenceView> {
  const data = { minSeverity: input.minSeverity, mutedTenantIds: [...new Set(input.mutedTenantIds)] };
  await db.notificationPreference.upsert({
    where: { userId: actor.id },
    create: { userId: actor.id, ...data },
    update: data,
  });
  return data;
}
