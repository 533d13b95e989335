import "server-only";
import { splitListStatus, statusText, toState } from "@/lib/docker/container-status";
import { nullIfNotFound } from "@/lib/docker/engine-error";
import { APP_LABEL, PROJECT_LABEL, SERVICE_LABEL, TENANT_LABEL } from "@/lib/docker/labels";
import { ownedWharfLabels } from "@/lib/docker/owned-labels";
import type { ContainerView } from "@/lib/validations/fleet-views";
import type Docker from "dockerode";
import type { ContainerInfo, ContainerInspectInfo } from "dockerode";

/**
 * A cached container: the view model plus the Wharf labels the scoping rule reads — only when the container's
 * ownership proof holds (lib/docker/owner-proof.ts); other labels are not kept.
 */
export type ContainerRecord = ContainerView & { labels: Record<string, string> };

/** Every container of the engine, without `size=1` (which makes the engine walk every layer). */
export async function listContainers(docker: Docker): Promise<ContainerInfo[]> {
  return docker.listContainers({ all: true, size: false });
}

/** Inspect, or null when the container is gone. */
export async function inspectContainer(docker: Docker, id: string): Promise<ContainerInspectInfo | null> {
  return nullIfNotFound(docker.getContainer(id).inspect());
}

function labelFields(labels: Record<string, string>) {
  return {
    tenant: labels[TENANT_LABEL] ?? null,
    project: labels[PROJECT_LABEL] ?? null,
    app: labels[APP_LABEL] ?? null,
    service: labels[SERVICE_LABEL] ?? null,
  };
}

export function formatPort(p: {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}): string {
  return p.PublicPort
    ? `${p.IP && p.IP !== "::" ? p.IP : "0.0.0.0"}:${p.PublicPort}->${p.PrivatePort}/${p.Type}`
    : `${p.PrivatePort}/${p.Type}`;
}

function uniquePorts(ports: string[]): string[] {
  return [...new Set(ports)].sort();
}

/** From a `/containers/json` row (Portainer's toListViewModel, trimmed). */
export function fromSummary(hostId: string, s: ContainerInfo, now = Date.now()): ContainerRecord {
  const name = (s.Names?.[0] ?? s.Id.slice(0, 12)).replace(/^\//, "");
  const labels = ownedWharfLabels(name, s.Labels);
  const state = toState(s.State);
  const { status, since } = splitListStatus(s.Status ?? "", now);
  return {
    id: s.Id,
    name,
    image: s.Image,
    state,
    status: status || statusText(state),
    since,
    hostId,
    ...labelFields(labels),
    ports: uniquePorts((s.Ports ?? []).map(formatPort)),
    created: s.Created,
    labels,
  };
}

/** From `/containers/{id}/json`: exact timestamps, health and published ports. */
export function fromInspect(hostId: string, i: ContainerInspectInfo): ContainerRecord {
  const labels = ownedWharfLabels(i.Name, i.Config?.Labels);
  const st = i.State;
  const state: ContainerView["state"] = st.Paused
    ? "paused"
    : st.Restarting
      ? "restarting"
      : toState(st.Status);
  const stamp =
    state === "running" || state === "paused"
      ? st.StartedAt
      : state === "created"
        ? i.Created
        : st.FinishedAt;
  const since = Date.parse(stamp ?? "");
  const ports: string[] = [];
  // Only a running container publishes ports (the engine's list shows none for stopped ones).
  for (const [key, bindings] of state === "running" || state === "paused"
    ? Object.entries(i.NetworkSettings?.Ports ?? {})
    : []) {
    const [priv, type] = key.split("/");
    if (!bindings?.length) ports.push(key);
    else
      for (const b of bindings)
        ports.push(
          formatPort({ IP: b.HostIp, PrivatePort: Number(priv), PublicPort: Number(b.HostPort), Type: type }),
        );
  }
  return {
    id: i.Id,
    name: i.Name.replace(/^\//, ""),
    image: i.Config?.Image ?? i.Image,
    state,
    status: statusText(state, st.ExitCode, st.Health?.Status),
    since: Number.isFinite(since) && since > 0 ? since : null,
    hostId,
    ...labelFields(labels),
    ports: uniquePorts(ports),
    created: Math.floor(Date.parse(i.Created) / 1000),
    labels,
  };
}

export { labelFields };
