import {
  HOST_ALERT_KINDS,
  METRIC_ALERT_KINDS,
  type AlertKind,
  type AlertSubject,
} from "@/lib/validations/alerts";
import type { FleetEventType } from "@/lib/validations/fleet-events";

// Pure: which things a rule matches now, grouped the way they fail together (a host's containers, a tenant's
// apps, the fleet's hosts), and how that differs from the alerts already open. The evaluator feeds it rows.

export type Rule = {
  id: string;
  tenantId: string | null;
  kind: AlertKind;
  threshold: number;
  windowMinutes: number;
};

/** One container's stored state changes within a rule's window. */
export type Activity = {
  hostId: string;
  containerId: string;
  name: string;
  tenantId: string | null;
  appId: string | null;
  counts: Partial<Record<FleetEventType, number>>;
};

/** The container as the fleet cache holds it now; null when it is gone (removed, replaced by a fix). */
export type Live = { state: string; status: string } | null;

export type HostNow = {
  id: string;
  name: string;
  up: boolean;
  since: number;
  /** When its follower last applied an engine event (null: none since it came up). */
  lastEventAt: number | null;
  /** Its root filesystem's use in percent, from its node exporter (null: none, or unreadable). */
  diskPercent: number | null;
};

/**
 * One container's points over a metric rule's window (the collector's MetricPoint rows, aggregated in SQL): the
 * lowest CPU (hundredths of a percent of a core) and memory (bytes), when the earliest point's interval began,
 * and its latest point.
 */
export type MetricWindow = {
  hostId: string;
  containerId: string;
  minCpu: number;
  minMem: number;
  fromS: number;
  lastS: number;
};

/** A routed domain and the certificate the edge serves for it (null: none yet, or the edge did not answer). */
export type DomainCert = {
  host: string;
  appId: string;
  appName: string;
  tenantId: string;
  expiresAt: number | null;
};

/** An app whose last deploy (or build) failed: candidates come from the window and from open alerts. */
export type AppOutcome = { appId: string; appName: string; tenantId: string; lastFailed: boolean };

export const SUBJECTS_KEPT = 50;

export type Groups = Map<string, AlertSubject[]>;

const add = (groups: Groups, key: string, s: AlertSubject) => {
  const list = groups.get(key);
  if (list) list.push(s);
  else groups.set(key, [s]);
};

const containerKey = (hostId: string, containerId: string) => `${hostId}/${containerId}`;
const hostGroup = (hostId: string) => `host:${hostId}`;

/**
 * Container kinds, grouped per host: 500 containers dying on one host is one alert. A container stays a subject
 * while its condition holds; for `exited` and `unhealthy` the first sighting must be in the window, after that
 * (it is in `open`) only its current state counts, so an old exit fires no alert but a standing one does not
 * resolve by itself.
 */
export function containerGroups(
  rule: Rule,
  activity: Activity[],
  open: AlertSubject[],
  live: (hostId: string, containerId: string) => Live,
): Groups {
  const seen = new Map<string, Activity>();
  for (const a of activity) {
    if (rule.tenantId && a.tenantId !== rule.tenantId) continue;
    seen.set(containerKey(a.hostId, a.containerId), a);
  }
  for (const s of open) {
    if (!s.hostId || !s.containerId) continue;
    const key = containerKey(s.hostId, s.containerId);
    if (!seen.has(key))
      seen.set(key, {
        hostId: s.hostId,
        containerId: s.containerId,
        name: s.label,
        tenantId: rule.tenantId,
        appId: s.appId,
        counts: {},
      });
  }
  const wasOpen = new Set(open.map((s) => s.key));
  const groups: Groups = new Map();
  for (const [key, a] of seen) {
    const now = live(a.hostId, a.containerId);
    if (!now) continue; // gone: fixed or removed
    if (!holds(rule, a, now, wasOpen.has(key))) continue;
    add(groups, hostGroup(a.hostId), {
      key,
      label: a.name,
      hostId: a.hostId,
      containerId: a.containerId,
      appId: a.appId,
    });
  }
  return groups;
}

function holds(rule: Rule, a: Activity, now: NonNullable<Live>, wasOpen: boolean): boolean {
  const c = a.counts;
  switch (rule.kind) {
    case "restarts":
      return (c.exit ?? 0) + (c.restart ?? 0) > rule.threshold;
    case "exited":
      // Stays down; a container the engine keeps restarting is the restart rule's.
      return (
        (now.state === "exited" || now.state === "dead") && (wasOpen || (c.exit ?? 0) + (c.oom ?? 0) > 0)
      );
    case "unhealthy":
      return /\bunhealthy\b/.test(now.status) && (wasOpen || (c.unhealthy ?? 0) > 0);
    default:
      return false;
  }
}

/**
 * Host kinds, one alert for the fleet (a partition is one): `host_down`, the follower has not been up for the
 * window; `host_event_stale`, it is up but no engine event arrived for the window (a stream silently stuck, or a host
 * that should be busy and is not); `host_disk`, its root filesystem is above `threshold` percent (node exporter).
 */
export function hostGroups(rule: Rule, hosts: HostNow[], now: number): Groups {
  const groups: Groups = new Map();
  const window = rule.windowMinutes * 60_000;
  for (const h of hosts) {
    const matches =
      rule.kind === "host_down"
        ? !h.up && now - h.since >= window
        : rule.kind === "host_event_stale"
          ? h.up && now - Math.max(h.since, h.lastEventAt ?? 0) >= window
          : rule.kind === "host_disk"
            ? h.diskPercent !== null && h.diskPercent > rule.threshold
            : false;
    if (matches)
      add(groups, "fleet", { key: h.id, label: h.name, hostId: h.id, containerId: null, appId: null });
  }
  return groups;
}

/**
 * `container_cpu` (threshold: % of one core) and `container_memory` (MiB), grouped per host like the other container
 * kinds: every point of the window is above the threshold, the window is covered (the earliest point's interval
 * began at or before its start, so a container that just started waits the full duration), and the container was
 * in the collector's last pass (`lastPassS`) and is running now. A window of 0 minutes reads the last point only.
 * Tenant, app and name come from the fleet cache (`live`), as the other container kinds' do.
 */
export function metricGroups(
  rule: Rule,
  windows: MetricWindow[],
  lastPassS: number,
  live: (hostId: string, shortId: string) => LiveContainer | null,
): Groups {
  const groups: Groups = new Map();
  const startS = lastPassS - rule.windowMinutes * 60;
  for (const w of windows) {
    const above =
      rule.kind === "container_cpu"
        ? w.minCpu > rule.threshold * 100
        : rule.kind === "container_memory" && w.minMem > rule.threshold * 1024 * 1024;
    if (!above || w.lastS < lastPassS || (rule.windowMinutes > 0 && w.fromS > startS)) continue;
    const c = live(w.hostId, w.containerId);
    if (!c || c.state !== "running" || (rule.tenantId && c.tenantId !== rule.tenantId)) continue;
    add(groups, hostGroup(w.hostId), {
      key: containerKey(w.hostId, c.id),
      label: c.name,
      hostId: w.hostId,
      containerId: c.id,
      appId: c.appId,
    });
  }
  return groups;
}

/** The fleet cache's view of a container a metric rule matched (looked up by the point's short id). */
export type LiveContainer = {
  id: string;
  name: string;
  state: string;
  tenantId: string | null;
  appId: string | null;
};

/**
 * `certificate_expiry`: routed domains whose served certificate expires within `threshold` days, one alert per
 * tenant (a CA outage is one notification). A domain with no certificate read is not matched: that is the edge's
 * own problem, shown on the app page.
 */
export function certificateGroups(rule: Rule, certs: DomainCert[], now: number): Groups {
  const groups: Groups = new Map();
  const limit = now + rule.threshold * 86_400_000;
  for (const d of certs) {
    if (d.expiresAt === null || d.expiresAt > limit || (rule.tenantId && d.tenantId !== rule.tenantId))
      continue;
    add(groups, `tenant:${d.tenantId}`, {
      key: d.host,
      label: `${d.host} (${d.appName})`,
      hostId: null,
      containerId: null,
      appId: d.appId,
    });
  }
  return groups;
}

/** Apps whose last deploy or build failed, one alert per tenant (a registry outage is one notification). */
export function appGroups(rule: Rule, outcomes: AppOutcome[]): Groups {
  const groups: Groups = new Map();
  for (const o of outcomes) {
    if (!o.lastFailed || (rule.tenantId && o.tenantId !== rule.tenantId)) continue;
    add(groups, `tenant:${o.tenantId}`, {
      key: o.appId,
      label: o.appName,
      hostId: null,
      containerId: null,
      appId: o.appId,
    });
  }
  return groups;
}

/** Kinds read from stored container state changes (`containerGroups`). */
export const CONTAINER_KINDS: readonly AlertKind[] = ["restarts", "exited", "unhealthy"];

/** What one evaluator pass read, for all rules: each kind takes its own part. */
export type PassInputs = {
  now: number;
  /** The rule's window of container activity. */
  activity: (rule: Rule) => Activity[];
  live: (hostId: string, containerId: string) => Live;
  hosts: HostNow[];
  /** The rule's window of metric points, and the collector's last pass (seconds). */
  metrics: (rule: Rule) => { rows: MetricWindow[]; lastPassS: number };
  liveByShortId: (hostId: string, shortId: string) => LiveContainer | null;
  certs: DomainCert[];
  outcomes: (rule: Rule) => AppOutcome[];
};

/** What a rule matches now, by its kind; `open` is what its open alerts hold. */
export function groupsOf(rule: Rule, open: AlertSubject[], pass: PassInputs): Groups {
  if (CONTAINER_KINDS.includes(rule.kind)) return containerGroups(rule, pass.activity(rule), open, pass.live);
  if (HOST_ALERT_KINDS.includes(rule.kind)) return hostGroups(rule, pass.hosts, pass.now);
  if (METRIC_ALERT_KINDS.includes(rule.kind)) {
    const { rows, lastPassS } = pass.metrics(rule);
    return metricGroups(rule, rows, lastPassS, pass.liveByShortId);
  }
  if (rule.kind === "certificate_expiry") return certificateGroups(rule, pass.certs, pass.now);
  return appGroups(rule, pass.outcomes(rule));
}

export type OpenAlert = { id: string; groupKey: string; count: number; subjects: AlertSubject[] };

export type Diff = {
  fire: { groupKey: string; subjects: AlertSubject[]; count: number }[];
  change: { alert: OpenAlert; subjects: AlertSubject[]; count: number }[];
  resolve: OpenAlert[];
};

/** Sorted and capped, so a stored alert stays small whatever the fleet does. */
export const keptSubjects = (subjects: AlertSubject[]) =>
  [...subjects]
    .sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key))
    .slice(0, SUBJECTS_KEPT);

export function diffAlerts(open: OpenAlert[], groups: Groups): Diff {
  const diff: Diff = { fire: [], change: [], resolve: [] };
  const openByGroup = new Map(open.map((a) => [a.groupKey, a]));
  for (const [groupKey, subjects] of groups) {
    const kept = keptSubjects(subjects);
    const alert = openByGroup.get(groupKey);
    if (!alert) diff.fire.push({ groupKey, subjects: kept, count: subjects.length });
    else if (alert.count !== subjects.length || !sameKeys(alert.subjects, kept))
      diff.change.push({ alert, subjects: kept, count: subjects.length });
  }
  for (const a of open) if (!groups.has(a.groupKey)) diff.resolve.push(a);
  return diff;
}

const sameKeys = (a: AlertSubject[], b: AlertSubject[]) =>
  a.length === b.length && a.every((s, i) => s.key === b[i].key);

/** Whether the alert's first notification is due: the group had time to gather, nobody acked or silenced it. */
export function firingDue(
  a: { firedAt: number; notifiedAt: number | null; acknowledged: boolean; silencedUntil: number | null },
  ruleSilencedUntil: number | null,
  groupWaitMs: number,
  now: number,
): boolean {
  return (
    a.notifiedAt === null &&
    !a.acknowledged &&
    !silenced(a.silencedUntil, ruleSilencedUntil, now) &&
    now - a.firedAt >= groupWaitMs
  );
}

/** A resolution is told only to those who were told it fired, and not when acknowledged or silenced. */
export function resolutionDue(
  a: { notifiedAt: number | null; acknowledged: boolean; silencedUntil: number | null },
  ruleSilencedUntil: number | null,
  now: number,
): boolean {
  return a.notifiedAt !== null && !a.acknowledged && !silenced(a.silencedUntil, ruleSilencedUntil, now);
}

const silenced = (alertUntil: number | null, ruleUntil: number | null, now: number) =>
  (alertUntil !== null && alertUntil > now) || (ruleUntil !== null && ruleUntil > now);
