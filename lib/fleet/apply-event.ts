import { statusText } from "@/lib/docker/container-status";
import type { ContainerRecord } from "@/lib/docker/containers";
import { labelFields } from "@/lib/docker/containers";
import type { EngineEvent } from "@/lib/docker/events";
import { ownedWharfLabels } from "@/lib/docker/owned-labels";
import type { ContainerState } from "@/lib/validations/fleet-views";

export type EventOutcome =
  | { kind: "none" }
  | { kind: "remove" }
  /** `refresh`: an inspect should follow for what events do not carry (ports, exact image, health). */
  | { kind: "upsert"; record: ContainerRecord; refresh: boolean };

const STATE_BY_ACTION: Record<string, ContainerState> = {
  create: "created",
  start: "running",
  restart: "running",
  unpause: "running",
  pause: "paused",
  die: "exited",
};

/**
 * What one container event does to the cached record. Each outcome *sets* a state (never toggles), so replaying
 * an event twice, or replaying old events over a fresher list, converges on the engine's state.
 */
export function applyEvent(prev: ContainerRecord | undefined, hostId: string, e: EngineEvent): EventOutcome {
  if (e.Type !== "container") return { kind: "none" };
  const action = e.Action.split(":")[0];
  const attrs = e.Actor.Attributes ?? {};
  const at = Math.floor((e.timeNano ?? e.time * 1e9) / 1e6);
  if (action === "destroy") return { kind: "remove" };
  const base: ContainerRecord = prev ?? fromAttributes(hostId, e.Actor.ID, attrs, e.time);
  const state = STATE_BY_ACTION[action];
  if (state) {
    const exit = action === "die" ? attrs.exitCode : undefined;
    // A stopped container publishes no ports (as in the engine's list).
    const ports = action === "die" ? [] : base.ports;
    return {
      kind: "upsert",
      record: { ...base, state, status: statusText(state, exit), since: at, ports },
      refresh: action !== "die" && action !== "pause",
    };
  }
  if (action === "health_status" && base.state === "running") {
    const health = e.Action.slice("health_status: ".length).trim();
    return {
      kind: "upsert",
      record: { ...base, status: statusText("running", null, health) },
      refresh: false,
    };
  }
  if (action === "rename" || action === "update") {
    const name = attrs.name ?? base.name;
    // The ownership proof is bound to the name: a renamed container is proved again (events carry every label).
    const labels = action === "rename" ? ownedWharfLabels(name, attrs) : base.labels;
    return { kind: "upsert", record: { ...base, name, ...labelFields(labels), labels }, refresh: true };
  }
  // A container we never saw (its create came before our subscription): learn it from the next inspect.
  if (!prev) return { kind: "upsert", record: base, refresh: true };
  return { kind: "none" };
}

/** Event attributes carry the name, image and every label of the container (believed only when proved). */
function fromAttributes(
  hostId: string,
  id: string,
  attrs: Record<string, string>,
  time: number,
): ContainerRecord {
  const name = attrs.name ?? id.slice(0, 12);
  const labels = ownedWharfLabels(name, attrs);
  return {
    id,
    name,
    image: attrs.image ?? "",
    state: "created",
    status: "Created",
    since: time * 1000,
    hostId,
    ...labelFields(labels),
    ports: [],
    created: time,
    labels,
  };
}
