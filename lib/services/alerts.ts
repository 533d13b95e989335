import "server-only";
import { alertSubjects } from "@/lib/alerts/subjects";
import { conflict } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { loadOwned, ownedWhere } from "@/lib/services/alert-access";
import { sendView } from "@/lib/services/alert-channels";
import type { AlertDetailView, AlertListQuery, AlertView, SilenceInput } from "@/lib/validations/alerts";
import type { z } from "zod";

const include = { rule: { select: { name: true, kind: true } } };
type Row = NonNullable<Awaited<ReturnType<typeof findAlert>>>;
const findAlert = (id: string) => db.alert.findUnique({ where: { id }, include });

function toView(a: Row): AlertView {
  return {
    id: a.id,
    ruleId: a.ruleId,
    ruleName: a.rule.name,
    kind: a.rule.kind,
    tenantId: a.tenantId,
    state: a.state,
    severity: a.severity,
    title: a.title,
    count: a.count,
    subjects: alertSubjects(a.subjects),
    firedAt: a.firedAt.toISOString(),
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    notifiedAt: a.notifiedAt?.toISOString() ?? null,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: a.acknowledgedBy,
    silencedUntil: a.silencedUntil?.toISOString() ?? null,
  };
}

/** Firing first, then newest: what needs looking at is on top. */
export async function listAlerts(actor: Actor, q: AlertListQuery): Promise<AlertView[]> {
  const rows = await db.alert.findMany({
    where: { AND: [await ownedWhere(actor, q.tenantId), q.state ? { state: q.state } : {}] },
    include,
    orderBy: [{ state: "asc" }, { firedAt: "desc" }],
    take: q.limit,
  });
  return rows.map(toView);
}

const loadAlert = (actor: Actor, id: string, write: boolean) =>
  loadOwned(findAlert, actor, id, write, "Alert");

export async function getAlert(actor: Actor, id: string): Promise<AlertDetailView> {
  const a = await loadAlert(actor, id, false);
  const [history, sends] = await Promise.all([
    db.alertHistory.findMany({ where: { alertId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    db.notificationSend.findMany({
      where: { alertId: id },
      orderBy: { createdAt: "asc" },
      include: { channel: { select: { name: true } } },
    }),
  ]);
  return {
    ...toView(a),
    history: history.map((h) => ({ at: h.at.toISOString(), event: h.event, detail: h.detail })),
    sends: sends.map(sendView),
  };
}

/** Someone is on it: the alert notifies nobody again (not even its resolution). */
export async function acknowledgeAlert(actor: Actor, id: string): Promise<AlertView> {
  const a = await loadAlert(actor, id, true);
  if (a.acknowledgedAt) throw conflict("This alert is already acknowledged");
  const updated = await db.alert.update({
    where: { id },
    data: {
      acknowledgedAt: new Date(),
      acknowledgedBy: actor.email,
      history: { create: { event: "acknowledged", detail: actor.email } },
    },
    include,
  });
  return toView(updated);
}

export async function silenceAlert(actor: Actor, id: string, input: z.infer<typeof SilenceInput>) {
  await loadAlert(actor, id, true);
  const updated = await db.alert.update({
    where: { id },
    data: {
      silencedUntil: input.until ? new Date(input.until) : null,
      history: {
        create: {
          event: "silenced",
          detail: input.until ? `until ${input.until} by ${actor.email}` : `lifted by ${actor.email}`,
        },
      },
    },
    include,
  });
  return toView(updated);
}
