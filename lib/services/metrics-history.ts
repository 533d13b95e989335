import "server-only";
import { forbidden, invalid, notFound } from "@/lib/api/errors";
import { seesEverything, type Actor } from "@/lib/auth/actor";
import { requireTenantExists, requireTenantRole } from "@/lib/authz";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import {
  containerSubject,
  serviceSubject,
  RANGES,
  VALUE_KEYS,
  type MetricKind,
} from "@/lib/ops/metrics-points";
import { prometheusSeries } from "@/lib/ops/metrics-prometheus";
import { readPoints } from "@/lib/ops/metrics-rows";
import { loadApp } from "@/lib/services/apps";
import { loadContainerFor } from "@/lib/services/container-access";
import {
  MetricServiceName,
  type MetricRange,
  type MetricSeriesView,
} from "@/lib/validations/metrics-history";

// Metrics history for the charts (docs/metrics.md "History"). Each function authorizes its subject first, as the
// subject's own page does (a container or app of another tenant: 404; hosts and the cluster: ops and admins), and
// only then reads the store, or the Prometheus at WHARF_PROMETHEUS_URL.

/** `promSubject`: the subject as Prometheus' labels name it (a container's full id), when it differs. */
async function series(
  kind: MetricKind,
  subject: string,
  range: MetricRange,
  promSubject = subject,
): Promise<MetricSeriesView> {
  if (config.prometheusUrl) return prometheusSeries(kind, promSubject, range);
  const r = RANGES[range];
  const from = Math.floor(Date.now() / 1000) - r.seconds;
  const points = await readPoints(kind, subject, kind === "container" ? null : r.totalStep, from);
  const view: MetricSeriesView = {
    range,
    step: 0,
    source: "store",
    t: points.map((p) => p.at),
    cpu: [],
    mem: [],
    netRx: [],
    netTx: [],
    blkRead: [],
    blkWrite: [],
    restarts: [],
  };
  for (const k of VALUE_KEYS) view[k] = points.map((p) => (k === "cpu" ? p.cpu / 100 : p[k]));
  if (points.length > 1) view.step = points[1].at - points[0].at;
  else if (points.length) view.step = kind === "container" ? config.metricsIntervalS : r.totalStep;
  return view;
}

export async function containerHistory(actor: Actor, idOrName: string, range: MetricRange) {
  const c = await loadContainerFor(actor, idOrName, "read");
  return series("container", containerSubject(c.hostId, c.id), range, `${c.hostId}/${c.id}`);
}

export async function appHistory(actor: Actor, appId: string, range: MetricRange) {
  const app = await loadApp(actor, appId, "viewer");
  return series("app", app.id, range);
}

/** One service of an app (a Swarm service's tasks, or a compose service's replicas): the app's rule, viewer. */
export async function appServiceHistory(actor: Actor, appId: string, service: string, range: MetricRange) {
  const app = await loadApp(actor, appId, "viewer");
  const name = MetricServiceName.safeParse(service);
  if (!name.success)
    throw invalid(`service: ${name.error.issues[0].message}`, { service: "not a service name" });
  return series("service", serviceSubject(app.id, name.data), range);
}

export async function tenantHistory(actor: Actor, tenantId: string, range: MetricRange) {
  requireTenantRole(actor, tenantId, "viewer", "Tenant");
  await requireTenantExists(tenantId);
  return series("tenant", tenantId, range);
}

/** A host's totals cover every tenant's containers on it: ops and admins only. */
export async function hostHistory(actor: Actor, hostId: string, range: MetricRange) {
  if (!seesEverything(actor))
    throw forbidden("Host metrics cover every tenant: only admins and ops can read them");
  const h = await db.host.findUnique({ where: { id: hostId }, select: { id: true } });
  if (!h) throw notFound("Host");
  return series("host", h.id, range);
}

export async function clusterHistory(actor: Actor, range: MetricRange) {
  if (!seesEverything(actor)) throw forbidden("Fleet-wide metrics are for admins and ops");
  return series("cluster", "", range);
}
