import { z } from "zod";
import { DisplayName, Id, TenantScope } from "@/lib/validations/common";

/** The conditions a rule watches. */
export const ALERT_KINDS = [
  "restarts",
  "unhealthy",
  "exited",
  "deploy_failed",
  "build_failed",
  "host_down",
  "host_event_stale",
  "host_disk",
  "container_cpu",
  "container_memory",
  "certificate_expiry",
] as const;
/** Kinds about hosts: fleet-wide rules only (admins and ops). */
export const HOST_ALERT_KINDS: readonly AlertKind[] = ["host_down", "host_event_stale", "host_disk"];
export const AlertKind = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKind>;
export const ALERT_SEVERITIES = ["info", "warning", "critical"] as const;
export const AlertSeverity = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof AlertSeverity>;
export const AlertState = z.enum(["firing", "resolved"]);
export const AlertHistoryEvent = z.enum([
  "fired",
  "changed",
  "notified",
  "acknowledged",
  "silenced",
  "resolved",
]);
export const CHANNEL_KINDS = ["webhook", "slack", "discord", "email"] as const;
export const ChannelKind = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof ChannelKind>;
export const NotifyReason = z.enum(["firing", "resolved", "test"]);
export type NotifyReason = z.infer<typeof NotifyReason>;
export const SendOutcome = z.enum(["pending", "sent", "failed"]);

/** What each kind means, for forms and docs. */
export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  restarts: "Container restarts more than N times in M minutes",
  unhealthy: "Container unhealthy",
  exited: "Container exited non-zero or killed by OOM",
  deploy_failed: "Deploy failed",
  build_failed: "Build failed",
  host_down: "Host down or its events stale for M minutes",
  host_event_stale: "Host up but no engine event for M minutes",
  host_disk: "Host disk (/) above N % (node exporter)",
  container_cpu: "Container CPU above N % of a core for M minutes",
  container_memory: "Container memory above N MiB for M minutes",
  certificate_expiry: "A domain's certificate expires within N days",
};
/** Kinds read from the metrics history (MetricPoint): a container above its threshold for the whole window. */
export const METRIC_ALERT_KINDS: readonly AlertKind[] = ["container_cpu", "container_memory"];
/** The largest threshold: memory is in MiB (1 TiB); every other kind stops at 1000. */
const MAX_THRESHOLD = 1024 * 1024;
const Threshold = z
  .number()
  .int()
  .min(1, "must be at least 1")
  .max(MAX_THRESHOLD, `must be at most ${MAX_THRESHOLD}`);
/** What a rule's threshold may be for its kind: null when it fits, else the reason (create and edit share it). */
export function thresholdProblem(kind: AlertKind, threshold: number): string | null {
  if (kind === "host_disk" && threshold > 100) return "a disk threshold is a percentage: at most 100";
  if (kind !== "container_memory" && threshold > 1000) return "must be at most 1000";
  return null;
}

export const severityRank = (s: AlertSeverity) => ALERT_SEVERITIES.indexOf(s);

/** null or absent: a fleet-wide rule or channel (admins and ops; channels: admins). */
const Owner = Id.nullable().optional();
const Minutes = z.number().int().min(0, "must be 0 or more").max(1440, "must be at most 1440 (a day)");
const ChannelIds = z.array(Id).max(20, "at most 20 channels");

export const AlertRuleCreateInput = z
  .object({
    tenantId: Owner,
    name: DisplayName,
    kind: AlertKind,
    severity: AlertSeverity.default("warning"),
    threshold: Threshold.default(3),
    windowMinutes: Minutes.default(10),
    enabled: z.boolean().default(true),
    channelIds: ChannelIds.default([]),
  })
  .refine((r) => r.kind !== "restarts" || r.windowMinutes >= 1, {
    message: "a restart count needs a window of at least 1 minute",
    path: ["windowMinutes"],
  })
  .superRefine((r, ctx) => {
    const problem = thresholdProblem(r.kind, r.threshold);
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["threshold"] });
  })
  .refine((r) => r.kind !== "host_event_stale" || r.windowMinutes >= 1, {
    message: "events go stale after at least 1 minute",
    path: ["windowMinutes"],
  });

export const AlertRuleUpdateInput = z.object({
  name: DisplayName.optional(),
  severity: AlertSeverity.optional(),
  threshold: Threshold.optional(),
  windowMinutes: Minutes.optional(),
  enabled: z.boolean().optional(),
  channelIds: ChannelIds.optional(),
});

/** A silence with an end time; null lifts it. */
export const SilenceInput = z.object({
  until: z.iso
    .datetime({ offset: true, message: "must be an ISO date-time" })
    .nullable()
    .refine((u) => u === null || Date.parse(u) > Date.now(), "must be in the future"),
});

const ChannelRef = z.object({ id: z.string(), name: z.string(), kind: ChannelKind });

export const AlertRuleView = z.object({
  id: z.string(),
  tenantId: z.string().nullable(),
  name: z.string(),
  kind: AlertKind,
  severity: AlertSeverity,
  threshold: z.number().int(),
  windowMinutes: z.number().int(),
  enabled: z.boolean(),
  silencedUntil: z.string().nullable(),
  channels: z.array(ChannelRef),
  /** How many of its alerts fire now. */
  firing: z.number().int(),
  createdAt: z.string(),
});
export type AlertRuleView = z.infer<typeof AlertRuleView>;

const WebUrl = z
  .string()
  .trim()
  .max(2048, "is too long")
  .pipe(z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }));
const Email = z.email({ message: "must be an e-mail address" }).max(254);

/** A channel's target; sealed whole (URLs carry tokens), never returned. */
export const ChannelConfig = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("webhook"),
    url: WebUrl,
    /** Signs each body: X-Wharf-Signature: sha256=HMAC(secret, timestamp + "." + body). */
    secret: z.string().min(16, "must be at least 16 characters").max(256, "is too long"),
  }),
  z.object({ kind: z.literal("slack"), url: WebUrl }),
  z.object({ kind: z.literal("discord"), url: WebUrl }),
  z.object({
    kind: z.literal("email"),
    host: z
      .string()
      .trim()
      .min(1, "is required")
      .max(253)
      .regex(/^[a-z0-9.:[\]-]+$/i, "must be a host name or address"),
    port: z.number().int().min(1).max(65535).default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean().default(false),
    username: z.string().max(254).optional(),
    password: z.string().max(1024).optional(),
    from: Email,
    to: z.array(Email).min(1, "needs at least one recipient").max(20, "at most 20 recipients"),
  }),
]);
export type ChannelConfig = z.infer<typeof ChannelConfig>;

export const AlertChannelCreateInput = z.object({
  tenantId: Owner,
  name: DisplayName,
  config: ChannelConfig,
});
export const AlertChannelUpdateInput = z.object({
  name: DisplayName.optional(),
  /** Replaces the whole target (secrets included); absent keeps it. */
  config: ChannelConfig.optional(),
});

export const SendView = z.object({
  id: z.string(),
  channelId: z.string(),
  channelName: z.string(),
  alertId: z.string().nullable(),
  reason: NotifyReason,
  outcome: SendOutcome,
  attempts: z.number().int(),
  error: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type SendView = z.infer<typeof SendView>;

export const AlertChannelView = z.object({
  id: z.string(),
  tenantId: z.string().nullable(),
  name: z.string(),
  kind: ChannelKind,
  /** What may be shown: the URL's host, or the recipients. */
  target: z.string(),
  createdAt: z.string(),
  sends: z.array(SendView),
});
export type AlertChannelView = z.infer<typeof AlertChannelView>;

export const AlertSubject = z.object({
  key: z.string(),
  label: z.string(),
  hostId: z.string().nullable(),
  containerId: z.string().nullable(),
  appId: z.string().nullable(),
});
export type AlertSubject = z.infer<typeof AlertSubject>;

export const AlertView = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  kind: AlertKind,
  tenantId: z.string().nullable(),
  state: AlertState,
  severity: AlertSeverity,
  title: z.string(),
  /** How many things match (subjects holds at most the first 50). */
  count: z.number().int(),
  subjects: z.array(AlertSubject),
  firedAt: z.string(),
  resolvedAt: z.string().nullable(),
  notifiedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  silencedUntil: z.string().nullable(),
});
export type AlertView = z.infer<typeof AlertView>;

export const AlertDetailView = AlertView.extend({
  history: z.array(z.object({ at: z.string(), event: AlertHistoryEvent, detail: z.string() })),
  sends: z.array(SendView),
});
export type AlertDetailView = z.infer<typeof AlertDetailView>;

export const AlertListQuery = z.object({
  tenantId: TenantScope,
  state: AlertState.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AlertListQuery = z.infer<typeof AlertListQuery>;
export const AlertOwnerQuery = z.object({ tenantId: TenantScope });

export const NotificationView = z.object({
  id: z.string(),
  alertId: z.string(),
  reason: NotifyReason,
  title: z.string(),
  severity: AlertSeverity,
  tenantId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;
export const NotificationListQuery = z.object({
  unread: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const UnreadCountView = z.object({ unread: z.number().int() });
export type UnreadCountView = z.infer<typeof UnreadCountView>;
export const MarkedReadView = z.object({ marked: z.number().int() });
export type MarkedReadView = z.infer<typeof MarkedReadView>;
export const NotificationReadInput = z
  .object({ ids: z.array(Id).max(500).optional(), all: z.boolean().optional() })
  .refine((v) => v.all || (v.ids && v.ids.length > 0), { message: "give ids or all: true", path: ["ids"] });

export const NotificationPreferenceInput = z.object({
  minSeverity: AlertSeverity,
  mutedTenantIds: z.array(Id).max(500, "at most 500 tenants"),
});
export const NotificationPreferenceView = NotificationPreferenceInput;
export type NotificationPreferenceView = z.infer<typeof NotificationPreferenceView>;
