import "server-only";
import {
  channelEgress,
  displayTarget,
  openConfig,
  sealConfig,
  sendMessage,
  type Message,
} from "@/lib/alerts/channels";
import { errorText, invalid } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { checkUrlEgress, EgressRefused, EgressUnresolved, resolveEgress } from "@/lib/egress/check";
import { loadOwned, ownedWhere, requireCreate } from "@/lib/services/alert-access";
import type {
  AlertChannelCreateInput,
  AlertChannelUpdateInput,
  AlertChannelView,
  ChannelConfig,
  SendView,
} from "@/lib/validations/alerts";
import type { z } from "zod";

const RECENT_SENDS = 5;
const include = {
  sends: {
    orderBy: { createdAt: "desc" as const },
    take: RECENT_SENDS,
    include: { channel: { select: { name: true } } },
  },
};
type Row = NonNullable<Awaited<ReturnType<typeof findChannel>>>;
const findChannel = (id: string) => db.alertChannel.findUnique({ where: { id }, include });

export function sendView(s: {
  id: string;
  channelId: string;
  alertId: string | null;
  reason: SendView["reason"];
  outcome: SendView["outcome"];
  attempts: number;
  error: string;
  createdAt: Date;
  finishedAt: Date | null;
  channel: { name: string };
}): SendView {
  return {
    id: s.id,
    channelId: s.channelId,
    channelName: s.channel.name,
    alertId: s.alertId,
    reason: s.reason,
    outcome: s.outcome,
    attempts: s.attempts,
    error: s.error,
    createdAt: s.createdAt.toISOString(),
    finishedAt: s.finishedAt?.toISOString() ?? null,
  };
}

function toView(c: Row): AlertChannelView {
  return {
    id: c.id,
    tenantId: c.tenantId,
    name: c.name,
    kind: c.kind,
    target: c.target,
    createdAt: c.createdAt.toISOString(),
    sends: c.sends.map(sendView),
  };
}

export async function listAlertChannels(
  actor: Actor,
  tenantId: string | undefined,
): Promise<AlertChannelView[]> {
  const rows = await db.alertChannel.findMany({
    where: await ownedWhere(actor, tenantId),
    include,
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toView);
}

const loadChannel = (actor: Actor, id: string, write: boolean) =>
  loadOwned(findChannel, actor, id, write, "Channel", true);

/** The target must pass the egress policy of the channel's owner when saved (and again at every send). */
async function checkTarget(config: ChannelConfig, tenantId: string | null) {
  const field = config.kind === "email" ? "config.host" : "config.url";
  try {
    if (config.kind === "email") await resolveEgress(config.host, config.port, channelEgress(tenantId));
    else await checkUrlEgress(new URL(config.url), channelEgress(tenantId));
  } catch (err) {
    if (err instanceof EgressRefused || err instanceof EgressUnresolved)
      throw invalid(`${field}: ${errorText(err)}`, { [field]: errorText(err) });
    throw err;
  }
}

export async function createAlertChannel(
  actor: Actor,
  input: z.infer<typeof AlertChannelCreateInput>,
): Promise<AlertChannelView> {
  const tenantId = input.tenantId ?? null;
  requireCreate(actor, tenantId, "Channel", true);
  await checkTarget(input.config, tenantId);
  const c = await db.alertChannel.create({
    data: {
      tenantId,
      name: input.name,
      kind: input.config.kind,
      target: displayTarget(input.config),
      configEncrypted: sealConfig(input.config),
    },
    include,
  });
  return toView(c);
}

export async function updateAlertChannel(
  actor: Actor,
  id: string,
  input: z.infer<typeof AlertChannelUpdateInput>,
): Promise<AlertChannelView> {
  const c = await loadChannel(actor, id, true);
  if (input.config) await checkTarget(input.config, c.tenantId);
  const updated = await db.alertChannel.update({
    where: { id },
    data: {
      name: input.name,
      ...(input.config
        ? {
            kind: input.config.kind,
            target: displayTarget(input.config),
            configEncrypted: sealConfig(input.config),
          }
        : {}),
    },
    include,
  });
  return toView(updated);
}

export async function deleteAlertChannel(actor: Actor, id: string) {
  const c = await loadChannel(actor, id, true);
  await db.alertChannel.delete({ where: { id } });
  return { id, tenantId: c.tenantId };
}

/** The test button: one message now, one attempt, recorded like any send; answers its outcome. */
export async function testAlertChannel(actor: Actor, id: string): Promise<SendView> {
  const c = await loadChannel(actor, id, true);
  const { configEncrypted } = await db.alertChannel.findUniqueOrThrow({
    where: { id },
    select: { configEncrypted: true },
  });
  const subject = `[TEST] Wharf channel "${c.name}"`;
  const message: Message = {
    event: "alert.test",
    alert: {
      id: "test",
      ruleName: "test",
      kind: "restarts",
      severity: "info",
      state: "resolved",
      title: subject,
      count: 0,
      subjects: [],
      firedAt: new Date().toISOString(),
      resolvedAt: null,
      tenantId: c.tenantId,
    },
    url: null,
    subject,
    text: `${subject}: if you read this, alerts reach this channel.`,
  };
  let error = "";
  try {
    await sendMessage(openConfig(configEncrypted), message, channelEgress(c.tenantId));
  } catch (err) {
    error = errorText(err).slice(0, 500) || "failed";
  }
  const s = await db.notificationSend.create({
    data: {
      channelId: id,
      reason: "test",
      attempts: 1,
      outcome: error ? "failed" : "sent",
      error,
      finishedAt: new Date(),
    },
    include: { channel: { select: { name: true } } },
  });
  return sendView(s);
}
