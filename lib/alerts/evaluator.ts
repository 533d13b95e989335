import "server-only";
import {
  CONTAINER_KINDS,
  diffAlerts,
  firingDue,
  groupsOf,
  resolutionDue,
  type Activity,
  type AppOutcome,
  type DomainCert,
  type LiveContainer,
  type MetricWindow,
  type OpenAlert,
  type Rule,
} from "@/lib/alerts/match";
import { notifyAlert, resumePendingSends } from "@/lib/alerts/notify";
import { alertSubjects } from "@/lib/alerts/subjects";
import { errorText } from "@/lib/api/errors";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { servedCertificate } from "@/lib/edge/certificates";
import { edgeEnv } from "@/lib/edge/settings";
import { getFleet } from "@/lib/fleet/service";
import { containerWindows, lastContainerPass } from "@/lib/ops/metrics-rows";
import { nodeExporterFigures } from "@/lib/ops/node-exporter";
import { METRIC_ALERT_KINDS, type AlertKind, type AlertSeverity } from "@/lib/validations/alerts";
import { FleetEventType } from "@/lib/validations/fleet-events";

// The alert loop: every WHARF_ALERTS_INTERVAL_MS one batch over what is stored (FleetEvent rows grouped per
// container, deploy and build outcomes) and the fleet cache (is the container still there, still unhealthy; is the
// host up). Nothing runs per engine event: a crash loop across 500 containers costs the same few queries.

const EVENT_TYPES: Record<string, FleetEventType[]> = {
  restarts: ["exit", "restart"],
  exited: ["exit", "oom"],
  unhealthy: ["unhealthy"],
};
const MINUTE = 60_000;

type RuleRow = Rule & { name: string; silencedUntil: Date | null; severity: AlertSeverity };
type AlertRow = Awaited<ReturnType<typeof openAlerts>>[number];

const openAlerts = () => db.alert.findMany({ where: { state: "firing" } });

export async function evaluateAlerts(now = Date.now()) {
  const [rules, open] = await Promise.all([
    db.alertRule.findMany({
      select: {
        id: true,
        tenantId: true,
        kind: true,
        threshold: true,
        windowMinutes: true,
        name: true,
        enabled: true,
        silencedUntil: true,
        severity: true,
      },
    }),
    openAlerts(),
  ]);
  const openOf = new Map<string, AlertRow[]>();
  for (const a of open) openOf.set(a.ruleId, [...(openOf.get(a.ruleId) ?? []), a]);
  const active = rules.filter((r) => r.enabled);
  for (const r of rules.filter((x) => !x.enabled))
    await resolveQuietly(openOf.get(r.id) ?? [], "rule disabled");

  const activity = await containerActivity(active, now);
  const outcomes = await appOutcomes(active, openOf, now);
  const fleet = getFleet().store;
  const live = (hostId: string, id: string) => {
    const e = fleet.get(hostId, id);
    return e ? { state: e.state, status: e.status } : null;
  };
  const disks = active.some((r) => r.kind === "host_disk") ? await hostDisks() : new Map<string, number>();
  const hosts = [...fleet.hosts.values()].map((h) => ({
    id: h.id,
    name: h.name,
    up: h.status.state === "up",
    since: Date.parse(h.status.since),
    lastEventAt: h.lastEvent?.at ?? null,
    diskPercent: disks.get(h.id) ?? null,
  }));
  const hostName = (id: string) => fleet.hosts.get(id)?.name ?? id;
  const metrics = await metricWindows(active);
  const certs = active.some((r) => r.kind === "certificate_expiry") ? await domainCerts() : [];
  const liveByShortId = (hostId: string, shortId: string): LiveContainer | null => {
    for (const e of fleet.hosts.get(hostId)?.containers.values() ?? [])
      if (e.id.startsWith(shortId))
        return { id: e.id, name: e.name, state: e.state, tenantId: e.tenant, appId: e.app };
    return null;
  };

  const pass = {
    now,
    activity: (rule: Rule) => activity.get(windowKey(rule)) ?? [],
    live,
    hosts,
    metrics: (rule: Rule) => ({
      rows: metrics.get(rule.windowMinutes)?.rows ?? [],
      lastPassS: metrics.get(rule.windowMinutes)?.lastPassS ?? 0,
    }),
    liveByShortId,
    certs,
    outcomes: (rule: Rule) => outcomes.get(rule.id) ?? [],
  };

  for (const rule of active) {
    const mine = openOf.get(rule.id) ?? [];
    const groups = groupsOf(
      rule,
      mine.flatMap((a) => alertSubjects(a.subjects)),
      pass,
    );
    const opened: OpenAlert[] = mine.map((a) => ({ ...a, subjects: alertSubjects(a.subjects) }));
    const diff = diffAlerts(opened, groups);
    const title = (groupKey: string, count: number) => titleOf(rule, groupKey, count, hostName);
    for (const f of diff.fire) {
      await db.alert.create({
        data: {
          ruleId: rule.id,
          tenantId: rule.tenantId,
          groupKey: f.groupKey,
          severity: rule.severity,
          title: title(f.groupKey, f.count),
          subjects: f.subjects,
          count: f.count,
          firedAt: new Date(now),
          history: { create: { event: "fired", detail: `${f.count} matching` } },
        },
      });
    }
    for (const c of diff.change) {
      await db.alert.update({
        where: { id: c.alert.id },
        data: {
          subjects: c.subjects,
          count: c.count,
          title: title(c.alert.groupKey, c.count),
          ...(c.count !== c.alert.count
            ? { history: { create: { event: "changed", detail: `${c.alert.count} → ${c.count} matching` } } }
            : {}),
        },
      });
    }
    for (const a of diff.resolve) {
      const row = mine.find((m) => m.id === a.id);
      await db.alert.update({
        where: { id: a.id },
        data: { state: "resolved", resolvedAt: new Date(now), history: { create: { event: "resolved" } } },
      });
      if (row && resolutionDue(flags(row), rule.silencedUntil?.getTime() ?? null, now))
        await notifyAlert(a.id, "resolved");
    }
  }
  await notifyDue(active, now);
}

const flags = (a: {
  notifiedAt: Date | null;
  acknowledgedAt: Date | null;
  silencedUntil: Date | null;
  firedAt: Date;
}) => ({
  firedAt: a.firedAt.getTime(),
  notifiedAt: a.notifiedAt?.getTime() ?? null,
  acknowledged: a.acknowledgedAt !== null,
  silencedUntil: a.silencedUntil?.getTime() ?? null,
});

/** First notifications whose group wait is over (a group gathers its members before anyone is told). */
async function notifyDue(rules: RuleRow[], now: number) {
  const ruleOf = new Map(rules.map((r) => [r.id, r]));
  const waiting = await db.alert.findMany({ where: { state: "firing", notifiedAt: null } });
  for (const a of waiting) {
    const rule = ruleOf.get(a.ruleId);
    if (!rule || !firingDue(flags(a), rule.silencedUntil?.getTime() ?? null, config.alertsGroupWaitMs, now))
      continue;
    await db.alert.update({ where: { id: a.id }, data: { notifiedAt: new Date(now) } });
    await notifyAlert(a.id, "firing");
  }
}

async function resolveQuietly(alerts: AlertRow[], why: string) {
  for (const a of alerts)
    await db.alert.update({
      where: { id: a.id },
      data: {
        state: "resolved",
        resolvedAt: new Date(),
        history: { create: { event: "resolved", detail: why } },
      },
    });
}

const windowKey = (r: Rule) => `${r.kind}:${r.windowMinutes}`;

/** Stored state changes per container, one grouped query per distinct (kind, window) among the rules. */
async function containerActivity(rules: Rule[], now: number): Promise<Map<string, Activity[]>> {
  const out = new Map<string, Activity[]>();
  for (const r of rules) {
    if (!CONTAINER_KINDS.includes(r.kind) || out.has(windowKey(r))) continue;
    const rows = await db.fleetEvent.groupBy({
      by: ["hostId", "containerId", "containerName", "tenantId", "appId", "type"],
      where: { at: { gte: new Date(now - r.windowMinutes * MINUTE) }, type: { in: EVENT_TYPES[r.kind] } },
      _count: { _all: true },
    });
    const byContainer = new Map<string, Activity>();
    for (const row of rows) {
      const key = `${row.hostId}/${row.containerId}`;
      const a = byContainer.get(key) ?? {
        hostId: row.hostId,
        containerId: row.containerId,
        name: row.containerName,
        tenantId: row.tenantId,
        appId: row.appId,
        counts: {},
      };
      const type = FleetEventType.parse(row.type);
      a.counts[type] = (a.counts[type] ?? 0) + row._count._all;
      byContainer.set(key, a);
    }
    out.set(windowKey(r), [...byContainer.values()]);
  }
  return out;
}

/**
 * Apps whose latest deploy (or build) failed, per rule: candidates are the failures within the rule's window and
 * the apps its open alerts hold (they resolve when a later one succeeds).
 */
async function appOutcomes(
  rules: RuleRow[],
  openOf: Map<string, AlertRow[]>,
  now: number,
): Promise<Map<string, AppOutcome[]>> {
  const out = new Map<string, AppOutcome[]>();
  for (const kind of ["deploy_failed", "build_failed"] as const) {
    const mine = rules.filter((r) => r.kind === kind);
    if (!mine.length) continue;
    const since = new Date(now - Math.max(...mine.map((r) => r.windowMinutes)) * MINUTE);
    const failed =
      kind === "deploy_failed"
        ? await db.revision.findMany({
            where: { outcome: "failed", finishedAt: { gte: since } },
            select: { appId: true, finishedAt: true },
            orderBy: { finishedAt: "desc" },
          })
        : (
            await db.build.findMany({
              where: { status: "failed", finishedAt: { gte: since }, appId: { not: null } },
              select: { appId: true, finishedAt: true },
              orderBy: { finishedAt: "desc" },
            })
          ).flatMap((b) => (b.appId ? [{ appId: b.appId, finishedAt: b.finishedAt }] : []));
    const openApps = (r: Rule) =>
      (openOf.get(r.id) ?? []).flatMap((a) =>
        alertSubjects(a.subjects).flatMap((s) => (s.appId ? [s.appId] : [])),
      );
    const candidates = new Set([...failed.map((f) => f.appId), ...mine.flatMap(openApps)]);
    const latest = await latestOutcomes(kind, [...candidates]);
    for (const r of mine) {
      const from = now - r.windowMinutes * MINUTE;
      const inWindow = new Set(
        failed.filter((f) => (f.finishedAt?.getTime() ?? 0) >= from).map((f) => f.appId),
      );
      const keep = new Set([...inWindow, ...openApps(r)]);
      out.set(
        r.id,
        latest.filter((o) => keep.has(o.appId)),
      );
    }
  }
  return out;
}

async function latestOutcomes(
  kind: "deploy_failed" | "build_failed",
  appIds: string[],
): Promise<AppOutcome[]> {
  if (!appIds.length) return [];
  const app = { select: { name: true, project: { select: { tenantId: true } } } };
  const rows =
    kind === "deploy_failed"
      ? (
          await db.revision.findMany({
            where: { appId: { in: appIds }, outcome: { in: ["succeeded", "failed"] } },
            orderBy: { number: "desc" },
            distinct: ["appId"],
            select: { appId: true, outcome: true, app },
          })
        ).map((r) => ({ appId: r.appId, failed: r.outcome === "failed", app: r.app }))
      : await Promise.all(
          appIds.map(async (appId) => {
            const b = await db.build.findFirst({
              where: { appId, status: { in: ["succeeded", "failed"] } },
              orderBy: { createdAt: "desc" },
              select: { status: true },
            });
            const a = await db.app.findUnique({ where: { id: appId }, ...app });
            return { appId, failed: b?.status === "failed", app: a };
          }),
        );
  return rows.flatMap((r) =>
    r.app
      ? [{ appId: r.appId, appName: r.app.name, tenantId: r.app.project.tenantId, lastFailed: r.failed }]
      : [],
  );
}

type Windows = { lastPassS: number; rows: MetricWindow[] };
declare global {
  var wharfAlertWindows: Map<number, Windows> | undefined;
}

/**
 * The metrics history over each distinct window among the CPU and memory rules: one grouped query per window, run
 * again only after a new collector pass (the rows change once a pass; at 100,000 containers a query reads one row
 * per container and point in the window).
 */
async function metricWindows(rules: Rule[]): Promise<Map<number, Windows>> {
  const cache = (globalThis.wharfAlertWindows ??= new Map());
  const wanted = new Set(
    rules.filter((r) => METRIC_ALERT_KINDS.includes(r.kind)).map((r) => r.windowMinutes),
  );
  for (const m of cache.keys()) if (!wanted.has(m)) cache.delete(m);
  if (!wanted.size) return cache;
  const lastPassS = await lastContainerPass();
  for (const m of wanted) {
    if (cache.get(m)?.lastPassS === lastPassS) continue;
    const rows = lastPassS ? await containerWindows(lastPassS - m * 60, lastPassS) : [];
    cache.set(m, {
      lastPassS,
      rows: rows.flatMap((row) => {
        const [hostId, containerId] = row.subject.split("/");
        return containerId ? [{ ...row, hostId, containerId }] : [];
      }),
    });
  }
  return cache;
}

/**
 * Each approved domain's served certificate, read over TLS from the edge (lib/edge/certificates.ts keeps each answer
 * a minute): only while a `certificate_expiry` rule is enabled, and only when the edge is configured.
 */
async function domainCerts(): Promise<DomainCert[]> {
  const env = edgeEnv();
  if (!env) return [];
  const rows = await db.appDomain.findMany({
    where: { approved: true },
    select: { host: true, appId: true, tenantId: true, app: { select: { name: true } } },
    distinct: ["host"],
  });
  const address = new URL(env.adminUrl).hostname;
  return Promise.all(
    rows.map(async (d) => {
      const cert = await servedCertificate(address, env.httpsPort, d.host);
      return {
        host: d.host,
        appId: d.appId,
        appName: d.app.name,
        tenantId: d.tenantId,
        expiresAt: cert ? Date.parse(cert.expiresAt) : null,
      };
    }),
  );
}

/**
 * Root-disk use per host with a node exporter (lib/ops/node-exporter.ts reads each at most every 5 s, in parallel):
 * only while a `host_disk` rule is enabled. An unreadable exporter is left out (no figure, no alert).
 */
async function hostDisks(): Promise<Map<string, number>> {
  const rows = await db.host.findMany({
    where: { nodeExporterUrl: { not: null } },
    select: { id: true, nodeExporterUrl: true },
  });
  const out = new Map<string, number>();
  await Promise.all(
    rows.map(async (h) => {
      const f = (await nodeExporterFigures(h.id, h.nodeExporterUrl!)).figures;
      if (f && f.diskTotalBytes > 0) out.set(h.id, (f.diskUsedBytes / f.diskTotalBytes) * 100);
    }),
  );
  return out;
}

/** A host rule's title says what is wrong with the hosts; "down" unless the kind says otherwise. */
const HOST_TROUBLE: Partial<Record<AlertKind, string>> = {
  host_event_stale: "with stale events",
  host_disk: "with a full disk",
};

function titleOf(rule: RuleRow, groupKey: string, count: number, hostName: (id: string) => string): string {
  const [scope, id] = groupKey.split(":");
  if (scope === "host") return `${rule.name}: ${count} container${count === 1 ? "" : "s"} on ${hostName(id)}`;
  if (scope === "tenant" && rule.kind === "certificate_expiry")
    return `${rule.name}: ${count} certificate${count === 1 ? "" : "s"} expiring within ${rule.threshold} day${rule.threshold === 1 ? "" : "s"}`;
  if (scope === "tenant") return `${rule.name}: ${count} app${count === 1 ? "" : "s"}`;
  const what = HOST_TROUBLE[rule.kind] ?? "down";
  return `${rule.name}: ${count} host${count === 1 ? "" : "s"} ${what}`;
}

declare global {
  var wharfAlerts: NodeJS.Timeout | undefined;
}

let running = false;

/** Start-up hook: the alert loop, once per process; sends cut short by a restart are retried. */
export async function startAlerts() {
  if (globalThis.wharfAlerts) return;
  await resumePendingSends();
  globalThis.wharfAlerts = setInterval(() => {
    if (running) return; // a slow pass is not stacked
    running = true;
    evaluateAlerts()
      .catch((err) => console.error(`[wharf] alerts: evaluation failed: ${errorText(err)}`))
      .finally(() => (running = false));
  }, config.alertsIntervalMs);
  globalThis.wharfAlerts.unref();
}
