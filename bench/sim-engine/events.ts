// Per-engine event bus: a fixed ring of recent events for `since` replay plus the open /events
// streams. Emission is O(open streams of this engine), never O(engines).
import { sortedRecord, type Container } from "./state";
import { NS_PER_S } from "./time";
import type { EventView } from "./filters";

export type ContainerAction = "create" | "start" | "die" | "stop" | "kill" | "destroy";

/**
 * Kept small on purpose (a ring of 10,000 × 1,000 engines must fit in memory): the container is a
 * shared reference (its id, name, image and labels never change) and JSON is built on demand.
 */
export interface SimEvent {
  timeNano: bigint;
  action: ContainerAction;
  c: Container;
  /** Extra attribute carried by "die" (exitCode) and "kill" (signal); null otherwise. */
  extra: { key: "exitCode" | "signal"; value: string } | null;
}

export type EventPredicate = (ev: EventView) => boolean;

export interface Subscriber {
  filter: EventPredicate | null;
  write(line: string): void;
}

const baseAttrs = new WeakMap<Container, Record<string, string>>();

/** Actor.Attributes as the engine builds them: labels, then image and name (sorted by Go's encoder). */
export function attributes(ev: SimEvent): Record<string, string> {
  let base = baseAttrs.get(ev.c);
  if (!base) {
    base = sortedRecord({ ...ev.c.labels, image: ev.c.image, name: ev.c.name });
    baseAttrs.set(ev.c, base);
  }
  return ev.extra ? sortedRecord({ ...base, [ev.extra.key]: ev.extra.value }) : base;
}

export function eventView(ev: SimEvent): EventView {
  return { action: ev.action, actorId: ev.c.id, attributes: attributes(ev) };
}

/**
 * One newline-terminated JSON message, field order as the engine's events.Message. timeNano is
 * written from the BigInt so it stays an exact integer (it exceeds Number's 2^53).
 */
export function serialize(ev: SimEvent): string {
  const id = ev.c.id;
  const attrs = JSON.stringify(attributes(ev));
  return (
    `{"status":"${ev.action}","id":"${id}","from":${JSON.stringify(ev.c.image)},"Type":"container",` +
    `"Action":"${ev.action}","Actor":{"ID":"${id}","Attributes":${attrs}},"scope":"local",` +
    `"time":${ev.timeNano / NS_PER_S},"timeNano":${ev.timeNano}}\n`
  );
}

export class EventBus {
  // Grows by push until full, then wraps: 1,000 engines × 10,000 preallocated slots would cost
  // 80 MB before the first event.
  private readonly ring: SimEvent[] = [];
  private next = 0;
  private count = 0;
  readonly subscribers = new Set<Subscriber>();
  emitted = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.count;
  }

  push(ev: SimEvent): void {
    if (this.capacity > 0) {
      if (this.ring.length < this.capacity) this.ring.push(ev);
      else this.ring[this.next] = ev;
      this.next = (this.next + 1) % this.capacity;
      if (this.count < this.capacity) this.count++;
    }
    this.emitted++;
    if (this.subscribers.size === 0) return;
    // Serialize and build the filter view at most once, however many streams are open.
    let line: string | undefined;
    let view: EventView | undefined;
    for (const s of this.subscribers) {
      if (s.filter && !s.filter((view ??= eventView(ev)))) continue;
      s.write((line ??= serialize(ev)));
    }
  }

  /** Events kept in the ring, oldest first. */
  *all(): Generator<SimEvent> {
    const start = (this.next - this.count + this.capacity) % Math.max(1, this.capacity);
    for (let i = 0; i < this.count; i++) yield this.ring[(start + i) % this.capacity]!;
  }

  /**
   * The engine's loadBufferedEvents: nothing unless since or until is set; since and until are
   * inclusive; scanning stops at the first event older than since. Returns joined JSON lines.
   */
  replay(since: bigint | null, until: bigint | null, filter: EventPredicate | null): string {
    if (since === null && until === null) return "";
    const picked: SimEvent[] = [];
    for (let i = 1; i <= this.count; i++) {
      const ev = this.ring[(this.next - i + this.capacity) % this.capacity]!;
      if (since !== null && ev.timeNano < since) break;
      if (until !== null && ev.timeNano > until) continue;
      if (filter && !filter(eventView(ev))) continue;
      picked.push(ev);
    }
    let out = "";
    for (let i = picked.length - 1; i >= 0; i--) out += serialize(picked[i]);
    return out;
  }
}
