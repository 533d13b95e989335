// Container lifecycle transitions and the seeded event driver. Every transition mutates the state
// first and emits afterwards, so a client re-listing on an event sees the new state.
import { type EventBus, type ContainerAction, type SimEvent } from "./events";
import { hashSeed, mulberry32, type Rng } from "./prng";
import { nowNs } from "./time";
import type { Container, ContainerSpec, EngineState } from "./state";

export interface SimEngine {
  state: EngineState;
  bus: EventBus;
}

function emit(
  e: SimEngine,
  action: ContainerAction,
  c: Container,
  now: bigint,
  extra: SimEvent["extra"] = null,
): void {
  e.bus.push({ timeNano: now, action, c, extra });
}

export function createContainer(e: SimEngine, spec: ContainerSpec): Container {
  const now = nowNs();
  const c = e.state.create(spec, now);
  emit(e, "create", c, now);
  return c;
}

export function startContainer(e: SimEngine, c: Container): void {
  const now = nowNs();
  e.state.start(c, now);
  emit(e, "start", c, now);
}

/** `docker stop`: die (exit 0) then stop. */
export function stopContainer(e: SimEngine, c: Container): number {
  const now = nowNs();
  e.state.die(c, 0, now);
  emit(e, "die", c, now, { key: "exitCode", value: "0" });
  emit(e, "stop", c, nowNs());
  return 2;
}

/** The process exits by itself (crash or OOM kill): die only. */
export function crashContainer(e: SimEngine, c: Container, exitCode: number): number {
  const now = nowNs();
  e.state.die(c, exitCode, now, exitCode === 137);
  emit(e, "die", c, now, { key: "exitCode", value: String(exitCode) });
  return 1;
}

export function destroyContainer(e: SimEngine, c: Container): void {
  const now = nowNs();
  e.state.remove(c);
  emit(e, "destroy", c, now);
}

/**
 * One random transition on one engine; returns how many events it emitted. The PRNG is consumed
 * identically whatever the timing, so a seed always yields the same sequence of transitions.
 */
export function step(e: SimEngine, rng: Rng): number {
  const list = e.state.containers;
  if (list.length === 0) return 1; // nothing to do; count it so the driver never spins
  const c = list[rng.int(list.length)];
  const roll = rng.next();
  switch (c.state) {
    case "created":
      startContainer(e, c);
      return 1;
    case "running":
      if (roll < 0.7) return stopContainer(e, c);
      return crashContainer(e, c, roll < 0.9 ? 1 : 137);
    default:
      // exited (or anything else): restart it, or replace it so the count stays at M.
      if (roll < 0.5) {
        startContainer(e, c);
        return 1;
      }
      destroyContainer(e, c);
      createContainer(e, e.state.randomSpec());
      return 2;
  }
}

/**
 * Emits a global rate of events spread uniformly over the engines. A short timer tick emits the
 * number of events that came due since the previous tick (batching keeps timer overhead flat).
 */
export class Driver {
  private readonly rng: Rng;
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private budget = 0;
  emitted = 0;

  constructor(
    private readonly engines: SimEngine[],
    seed: number,
    private rate: number,
    private readonly tickMs = 5,
  ) {
    this.rng = mulberry32(hashSeed(seed, "events"));
  }

  setRate(rate: number): void {
    this.rate = Math.max(0, rate);
  }

  /** Runs n transitions immediately (tests, warm-up); returns the events emitted. */
  steps(n: number): number {
    let emitted = 0;
    for (let i = 0; i < n && this.engines.length > 0; i++)
      emitted += step(this.engines[this.rng.int(this.engines.length)], this.rng);
    this.emitted += emitted;
    return emitted;
  }

  tick(): void {
    const now = performance.now();
    this.budget += (this.rate * (now - this.last)) / 1000;
    this.last = now;
    // After a stall (GC, debugger, busy clients) catch up at most one second of backlog.
    if (this.budget > Math.max(1, this.rate)) this.budget = Math.max(1, this.rate);
    while (this.budget >= 1 && this.engines.length > 0) {
      const emitted = step(this.engines[this.rng.int(this.engines.length)], this.rng);
      this.budget -= emitted;
      this.emitted += emitted;
    }
  }

  start(): void {
    if (this.timer) return;
    this.last = performance.now();
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
