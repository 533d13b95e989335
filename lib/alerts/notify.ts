import "server-only";
import { z } from "zod";
import { channelEgress, openConfig, sendMessage, type Message } from "@/lib/alerts/channels";
import { alertSubjects } from "@/lib/alerts/subjects";
import { errorText } from "@/lib/api/errors";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { severityRank, type AlertSeverity, type NotifyReason } from "@/lib/validations/alerts";

const MAX_ATTEMPTS = 4;

type AlertRow = NonNullable<Awaited<ReturnType<typeof loadAlert>>>;

const loadAlert = (id: string) =>
  db.alert.findUnique({
    where: { id },
    include: { rule: { select: { name: true, kind: true, channels: { select: { id: true } } } } },
  });

export function messageOf(a: AlertRow, reason: NotifyReason): Message {
  const subjects = alertSubjects(a.subjects);
  const url = config.publicUrl ? `${config.publicUrl}/alerts/${a.id}` : null;
  const state = reason === "resolved" ? "RESOLVED" : reason === "test" ? "TEST" : "FIRING";
  const list = subjects.map((s) => `- ${s.label}`).join("\n");
  const more = a.count > subjects.length ? `\n…and ${a.count - subjects.length} more` : "";
  const subject = `[${state}] ${a.title}`;
  return {
    event: `alert.${reason}`,
    alert: {
      id: a.id,
      ruleName: a.rule.name,
      kind: a.rule.kind,
      severity: a.severity,
      state: a.state,
      title: a.title,
      count: a.count,
      subjects,
      firedAt: a.firedAt.toISOString(),
      resolvedAt: a.resolvedAt?.toISOString() ?? null,
      tenantId: a.tenantId,
    },
    url,
    subject,
    text: `${subject} (${a.severity})\n${list}${more}${url ? `\n${url}` : ""}`,
  };
}

/**
 * Tells everyone concerned once: one send per channel of the rule (recorded now, delivered in the background with
 * retries) and one in-app notification per user who may see the alert and wants this severity and tenant.
 */
export async function notifyAlert(alertId: string, reason: Exclude<NotifyReason, "test">) {
  const a = await loadAlert(alertId);
  if (!a) return;
  const users = await recipients(a.tenantId, a.severity);
  const sends = await db.$transaction([
    ...a.rule.channels.map((c) =>
      db.notificationSend.create({ data: { channelId: c.id, alertId: a.id, reason }, select: { id: true } }),
    ),
  ]);
  await db.notification.createMany({ data: users.map((userId) => ({ userId, alertId: a.id, reason })) });
  await db.alertHistory.create({
    data: {
      alertId: a.id,
      event: "notified",
      detail: `${reason}: ${sends.length} channel(s), ${users.length} user(s) in the app`,
    },
  });
  const message = messageOf(a, reason);
  for (const s of sends) void deliver(s.id, message);
}

const MutedTenants = z.array(z.string());

/** Who sees the alert in the app: admins and ops for every alert, a tenant's members for its own. */
async function recipients(tenantId: string | null, severity: AlertSeverity): Promise<string[]> {
  const users = await db.user.findMany({
    where: {
      disabled: false,
      OR: [
        { globalRole: { in: ["admin", "ops"] } },
        ...(tenantId ? [{ memberships: { some: { tenantId } } }] : []),
      ],
    },
    select: { id: true },
  });
  const prefs = await db.notificationPreference.findMany({
    where: { userId: { in: users.map((u) => u.id) } },
  });
  const prefOf = new Map(prefs.map((p) => [p.userId, p]));
  return users
    .filter((u) => {
      const p = prefOf.get(u.id);
      if (!p) return true;
      if (severityRank(severity) < severityRank(p.minSeverity)) return false;
      return !tenantId || !MutedTenants.catch([]).parse(p.mutedTenantIds).includes(tenantId);
    })
    .map((u) => u.id);
}

/**
 * Delivers one recorded send, retrying with back-off (retryMs, ×4, ×16) and writing each attempt's outcome.
 * Resolves when it is sent or has failed for good.
 */
export async function deliver(sendId: string, message: Message): Promise<void> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const send = await db.notificationSend.findUnique({
      where: { id: sendId },
      include: { channel: { select: { tenantId: true, configEncrypted: true } } },
    });
    if (!send) return; // the channel was deleted meanwhile
    let error = "";
    try {
      await sendMessage(
        openConfig(send.channel.configEncrypted),
        message,
        channelEgress(send.channel.tenantId),
      );
    } catch (err) {
      error = errorText(err).slice(0, 500) || "failed";
    }
    const last = !error || attempt === MAX_ATTEMPTS;
    await db.notificationSend.updateMany({
      where: { id: sendId },
      data: {
        attempts: attempt,
        error,
        ...(last ? { outcome: error ? "failed" : "sent", finishedAt: new Date() } : {}),
      },
    });
    if (last) return;
    await new Promise((r) => setTimeout(r, config.alertsRetryMs * 4 ** (attempt - 1)));
  }
}

/** After a restart: sends that were still being retried start again. */
export async function resumePendingSends() {
  const pending = await db.notificationSend.findMany({
    where: { outcome: "pending", alertId: { not: null } },
    select: { id: true, alertId: true, reason: true },
  });
  for (const s of pending) {
    const a = s.alertId ? await loadAlert(s.alertId) : null;
    if (a) void deliver(s.id, messageOf(a, s.reason));
  }
}
