import "server-only";
import { notFound, rethrow } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireTenantRole } from "@/lib/authz";
import { db } from "@/lib/db";
import type { HostConnection } from "@/lib/docker/client";
import { inspectContainer } from "@/lib/docker/container-actions";
import { hostConnection } from "@/lib/docker/host-connection";
import { APP_LABEL, SERVICE_LABEL } from "@/lib/docker/labels";
import { ownedWharfLabels } from "@/lib/docker/owned-labels";
import { listContainersByLabel } from "@/lib/docker/system";
import { canSeeContainer } from "@/lib/fleet/scope";
import { viewerScope } from "@/lib/fleet/viewer-scope";
import { compareTimestamps, type LogLine } from "@/lib/ops/log-decoder";
import { readLogs, type ReadLogsOptions } from "@/lib/ops/log-reader";

const MAX_CONTAINERS = 50;
type Source = { id: string; name: string; tty: boolean };
export type NamedLine = LogLine & { container: string };

/**
 * The app's containers (label wharf.app=<id> on its host, with a valid ownership proof) the actor may read;
 * 404 for an app outside their tenants.
 */
export async function appLogSources(
  actor: Actor,
  appId: string,
  /** Only this service's containers (the server-stamped, proven wharf.service label). */
  service?: string,
): Promise<{ host: HostConnection; sources: Source[] }> {
  const app = await db.app.findUnique({
    where: { id: appId },
    select: { hostId: true, project: { select: { tenantId: true } } },
  });
  if (!app) throw notFound("App");
  requireTenantRole(actor, app.project.tenantId, "viewer", "App");
  const host = await hostConnection(app.hostId);
  const scope = await viewerScope(actor);
  const found = (await listContainersByLabel(host, `${APP_LABEL}=${appId}`).catch(rethrow("Host"))).filter(
    (c) => {
      const labels = ownedWharfLabels(c.name, c.labels);
      return (
        labels[APP_LABEL] === appId &&
        (!service || labels[SERVICE_LABEL] === service) &&
        canSeeContainer(scope, { hostId: host.id, labels })
      );
    },
  );
  const picked = found.sort((a, b) => b.created - a.created).slice(0, MAX_CONTAINERS);
  const sources = await Promise.all(
    picked.map(async (c) => ({
      id: c.id,
      name: c.name,
      tty: !!(await inspectContainer(host, c.id).catch(() => null))?.Config.Tty,
    })),
  );
  return { host, sources };
}

/**
 * Merged logs of several containers: each one's tail is read, the tails are merged by timestamp and
 * cut to the last `tail` lines; then (follow) live lines pass in arrival order, each naming its container.
 */
export async function* readAppLogs(
  host: HostConnection,
  sources: Source[],
  opts: ReadLogsOptions,
  signal: AbortSignal,
): AsyncGenerator<NamedLine[]> {
  const tails: NamedLine[][] = sources.map(() => []);
  const live: NamedLine[][] = [];
  let pendingTails = sources.length;
  let running = sources.length;
  let wake: (() => void) | null = null;
  const notify = () => (wake?.(), (wake = null));
  signal.addEventListener("abort", notify);
  sources.forEach(async (s, i) => {
    let inTail = true;
    try {
      for await (const batch of readLogs(host, s.id, s.tty, opts, signal)) {
        if (inTail && batch.length === 0) {
          inTail = false;
          pendingTails--;
          notify();
          continue;
        }
        const named = batch.map((l) => ({ ...l, container: s.name }));
        if (inTail) tails[i].push(...named);
        else live.push(named);
        notify();
      }
    } catch {
      /* this container's stream failed; the others go on */
    } finally {
      if (inTail) pendingTails--;
      running--;
      notify();
    }
  });
  const wait = () => new Promise<void>((r) => (wake = r));
  while (pendingTails > 0 && !signal.aborted) await wait();
  const merged = tails.flat().sort((a, b) => compareTimestamps(a.ts ?? "", b.ts ?? ""));
  const cut = opts.tail === "all" ? merged : merged.slice(Math.max(0, merged.length - opts.tail));
  for (let i = 0; i < cut.length; i += 500) yield cut.slice(i, i + 500);
  if (!opts.follow) return;
  yield [];
  while (!signal.aborted) {
    const next = live.shift();
    if (next) {
      yield next;
      continue;
    }
    if (running === 0) return;
    await wait();
  }
}
