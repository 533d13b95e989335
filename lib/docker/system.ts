import "server-only";
import { z } from "zod";
import { dockerFor, type HostConnection } from "@/lib/docker/client";
import { engineStream } from "@/lib/docker/streams";
import type { DiskUsageView, EngineEventView } from "@/lib/validations/ops-views";
import type Docker from "dockerode";

/** The fields of GET /system/df Wharf reads (dockerode types the answer as `any`). */
const DfRaw = z.object({
  Images: z
    .array(z.object({ Id: z.string(), Containers: z.number(), Size: z.number(), SharedSize: z.number() }))
    .nullish(),
  Containers: z.array(z.object({ State: z.string(), SizeRw: z.number().nullish() })).nullish(),
  Volumes: z
    .array(z.object({ UsageData: z.object({ Size: z.number(), RefCount: z.number() }).nullish() }))
    .nullish(),
  BuildCache: z.array(z.object({ InUse: z.boolean(), Size: z.number(), Shared: z.boolean() })).nullish(),
});
type DfRaw = z.infer<typeof DfRaw>;

/**
 * The engine computes one `/system/df` at a time and answers a second one with a 500 ("a disk usage operation is
 * already running"); the host resources page asks twice at once (the disk card and the images list). So a host's
 * concurrent callers share one request.
 */
const dfInFlight = new Map<string, Promise<DfRaw>>();
function systemDf(host: HostConnection): Promise<DfRaw> {
  const running = dfInFlight.get(host.id);
  if (running) return running;
  const request = dockerFor(host)
    .stream.df()
    .then((raw) => DfRaw.parse(raw))
    .finally(() => dfInFlight.delete(host.id));
  dfInFlight.set(host.id, request);
  return request;
}

/** Each image's bytes shared with other images, as `/system/df` computes them (image id → bytes). */
export async function imageSharedSizes(host: HostConnection): Promise<Map<string, number>> {
  const raw = await systemDf(host);
  return new Map((raw.Images ?? []).map((i) => [i.Id, Math.max(0, i.SharedSize)]));
}

/** `/system/df`, summed the way `docker system df` shows it. Can take a few seconds on a busy engine. */
export async function diskUsage(host: HostConnection): Promise<DiskUsageView> {
  const raw = await systemDf(host);
  const images = raw.Images ?? [];
  const activeImages = images.filter((i) => i.Containers > 0);
  const imgSize =
    images.reduce((s, i) => s + i.Size - Math.max(0, i.SharedSize), 0) +
    Math.max(0, ...images.map((i) => i.SharedSize));
  const containers = raw.Containers ?? [];
  const vols = raw.Volumes ?? [];
  const cache = raw.BuildCache ?? [];
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    images: {
      count: images.length,
      active: activeImages.length,
      sizeBytes: imgSize,
      reclaimableBytes: sum(
        images.filter((i) => i.Containers === 0).map((i) => i.Size - Math.max(0, i.SharedSize)),
      ),
    },
    containers: {
      count: containers.length,
      active: containers.filter((c) => c.State === "running").length,
      sizeBytes: sum(containers.map((c) => c.SizeRw ?? 0)),
      reclaimableBytes: sum(containers.filter((c) => c.State !== "running").map((c) => c.SizeRw ?? 0)),
    },
    volumes: {
      count: vols.length,
      active: vols.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length,
      sizeBytes: sum(vols.map((v) => Math.max(0, v.UsageData?.Size ?? 0))),
      reclaimableBytes: sum(
        vols
          .filter((v) => (v.UsageData?.RefCount ?? 0) === 0)
          .map((v) => Math.max(0, v.UsageData?.Size ?? 0)),
      ),
    },
    buildCache: {
      count: cache.length,
      active: cache.filter((c) => c.InUse).length,
      sizeBytes: sum(cache.filter((c) => !c.Shared).map((c) => c.Size)),
      reclaimableBytes: sum(cache.filter((c) => !c.InUse && !c.Shared).map((c) => c.Size)),
    },
  };
}

const RawEvent = z.object({
  Type: z.string(),
  Action: z.string(),
  Actor: z.object({ ID: z.string(), Attributes: z.record(z.string(), z.string()).optional() }).optional(),
  time: z.number(),
  timeNano: z.number().optional(),
});
type RawEvent = z.infer<typeof RawEvent>;

export function toEngineEvent(e: RawEvent): EngineEventView {
  const attributes = e.Actor?.Attributes ?? {};
  return {
    time: new Date(e.timeNano ? e.timeNano / 1e6 : e.time * 1000).toISOString(),
    type: e.Type,
    action: e.Action,
    id: e.Actor?.ID ?? "",
    name: attributes.name ?? "",
    attributes,
  };
}

/**
 * Past events in [since, now] — the engine ends the stream at `until`, so this returns. Newest first.
 * The engine only remembers its last 256 events, so on a busy host "the last hour" may be shorter.
 */
export async function recentEvents(
  host: HostConnection,
  opts: { sinceSeconds: number; filters?: Record<string, string[]>; limit: number },
): Promise<EngineEventView[]> {
  const now = Date.now() / 1000;
  // Fractional `until` = this instant: whole seconds would leave out the events of the current second.
  const stream = engineStream(
    await dockerFor(host).call.getEvents({
      since: Math.floor(now - opts.sinceSeconds),
      until: Number(now.toFixed(3)),
      ...(opts.filters ? { filters: JSON.stringify(opts.filters) } : {}),
    }),
  );
  const events: EngineEventView[] = [];
  let rest = "";
  for await (const chunk of stream) {
    const lines = (rest + chunk.toString("utf8")).split("\n");
    rest = lines.pop() ?? "";
    for (const l of lines) if (l.trim()) events.push(toEngineEvent(RawEvent.parse(JSON.parse(l))));
  }
  if (rest.trim()) events.push(toEngineEvent(RawEvent.parse(JSON.parse(rest))));
  return events.reverse().slice(0, opts.limit);
}

export type EngineResources = {
  ncpu: number;
  memTotalBytes: number;
  containersRunning: number;
  serverVersion: string;
  swarm: { nodeId: string; state: string; isManager: boolean };
};

export async function engineResources(host: HostConnection): Promise<EngineResources> {
  const i = await dockerFor(host).call.info();
  return {
    ncpu: i.NCPU,
    memTotalBytes: i.MemTotal,
    containersRunning: i.ContainersRunning,
    serverVersion: i.ServerVersion,
    swarm: {
      nodeId: i.Swarm?.NodeID ?? "",
      state: i.Swarm?.LocalNodeState ?? "inactive",
      isManager: !!i.Swarm?.ControlAvailable,
    },
  };
}

export type ContainerState = {
  id: string;
  name: string;
  image: string;
  state: string;
  status: string;
  labels: Record<string, string>;
};

const toContainerState = (c: Docker.ContainerInfo): ContainerState => ({
  id: c.Id,
  name: (c.Names[0] ?? "").replace(/^\//, ""),
  image: c.Image,
  state: c.State,
  status: c.Status,
  labels: c.Labels ?? {},
});

/** Every container on the host, briefly (cluster health: what runs, what restarts, what is unhealthy). */
export async function listContainerStates(host: HostConnection): Promise<ContainerState[]> {
  return (await dockerFor(host).call.listContainers({ all: true })).map(toContainerState);
}

/** Containers carrying a label (e.g. `wharf.app=<id>`), running or not, with whether they have a TTY. */
export async function listContainersByLabel(
  host: HostConnection,
  label: string,
): Promise<(ContainerState & { created: number })[]> {
  const list = await dockerFor(host).call.listContainers({
    all: true,
    filters: JSON.stringify({ label: [label] }),
  });
  return list.map((c) => ({ ...toContainerState(c), created: c.Created }));
}
