import "server-only";
import { invalid } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { loadOwned, ownedWhere, requireCreate } from "@/lib/services/alert-access";
import {
  thresholdProblem,
  HOST_ALERT_KINDS,
  type AlertRuleCreateInput,
  type AlertRuleUpdateInput,
  type AlertRuleView,
  type SilenceInput,
} from "@/lib/validations/alerts";
import type { z } from "zod";

const include = {
  channels: { select: { id: true, name: true, kind: true } },
  _count: { select: { alerts: { where: { state: "firing" as const } } } },
};
type Row = NonNullable<Awaited<ReturnType<typeof findRule>>>;
const findRule = (id: string) => db.alertRule.findUnique({ where: { id }, include });

function toView(r: Row): AlertRuleView {
  return {
    id: r.id,
    tenantId: r.tenantId,
    name: r.name,
    kind: r.kind,
    severity: r.severity,
    threshold: r.threshold,
    windowMinutes: r.windowMinutes,
    enabled: r.enabled,
    silencedUntil: r.silencedUntil?.toISOString() ?? null,
    channels: r.channels,
    firing: r._count.alerts,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listAlertRules(actor: Actor, tenantId: string | undefined): Promise<AlertRuleView[]> {
  const rows = await db.alertRule.findMany({
    where: await ownedWhere(actor, tenantId),
    include,
    orderBy: [{ createdAt: "desc" }],
  });
  return rows.map(toView);
}

const loadRule = (actor: Actor, id: string, write: boolean) =>
  loadOwned(findRule, actor, id, write, "Alert rule");

/** A rule notifies only channels of its own owner: a tenant's rule its tenant's, a fleet-wide rule fleet-wide ones. */
async function checkChannels(tenantId: string | null, ids: string[]) {
  if (!ids.length) return;
  const found = await db.alertChannel.count({ where: { id: { in: ids }, tenantId } });
  if (found !== new Set(ids).size)
    throw invalid("channelIds: not a channel of this rule's tenant", {
      channelIds: tenantId ? "not a channel of this tenant" : "not a fleet-wide channel",
    });
}

export async function createAlertRule(
  actor: Actor,
  input: z.infer<typeof AlertRuleCreateInput>,
): Promise<AlertRuleView> {
  const tenantId = input.tenantId ?? null;
  requireCreate(actor, tenantId, "Alert rule");
  if (tenantId && HOST_ALERT_KINDS.includes(input.kind))
    throw invalid("kind: hosts are watched by fleet-wide rules", {
      kind: `${input.kind} is fleet-wide only`,
    });
  await checkChannels(tenantId, input.channelIds);
  const r = await db.alertRule.create({
    data: {
      tenantId,
      name: input.name,
      kind: input.kind,
      severity: input.severity,
      threshold: input.threshold,
      windowMinutes: input.windowMinutes,
      enabled: input.enabled,
      channels: { connect: input.channelIds.map((id) => ({ id })) },
    },
    include,
  });
  return toView(r);
}

export async function updateAlertRule(
  actor: Actor,
  id: string,
  input: z.infer<typeof AlertRuleUpdateInput>,
): Promise<AlertRuleView> {
  const r = await loadRule(actor, id, true);
  if (input.channelIds) await checkChannels(r.tenantId, input.channelIds);
  if (r.kind === "restarts" && input.windowMinutes === 0)
    throw invalid("windowMinutes: a restart count needs a window", { windowMinutes: "must be at least 1" });
  const problem = input.threshold === undefined ? null : thresholdProblem(r.kind, input.threshold);
  if (problem) throw invalid(`threshold: ${problem}`, { threshold: problem });
  const updated = await db.alertRule.update({
    where: { id },
    data: {
      name: input.name,
      severity: input.severity,
      threshold: input.threshold,
      windowMinutes: input.windowMinutes,
      enabled: input.enabled,
      channels: input.channelIds ? { set: input.channelIds.map((c) => ({ id: c })) } : undefined,
    },
    include,
  });
  return toView(updated);
}

/** Silences the whole rule until a time (maintenance): its alerts still open and resolve, nobody is told. */
export async function silenceAlertRule(
  actor: Actor,
  id: string,
  input: z.infer<typeof SilenceInput>,
): Promise<AlertRuleView> {
  await loadRule(actor, id, true);
  const r = await db.alertRule.update({
    where: { id },
    data: { silencedUntil: input.until ? new Date(input.until) : null },
    include,
  });
  return toView(r);
}

export async function deleteAlertRule(actor: Actor, id: string) {
  const r = await loadRule(actor, id, true);
  await db.alertRule.delete({ where: { id } });
  return { id, tenantId: r.tenantId };
}
