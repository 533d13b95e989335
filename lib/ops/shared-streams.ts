/**
 * Ref-counted sharing of one upstream stream per key between any number of listeners.
 * The first listener opens the upstream (an engine log or stats stream); later listeners join it;
 * when the last one leaves, the upstream is stopped. If the upstream ends, every listener is told.
 */
export type Listener<T> = { data(value: T): void; end(error?: string): void };
/** Opens the upstream; returns how to stop it. Calls `end` when the upstream finishes by itself. */
export type Producer<T> = (emit: (value: T) => void, end: (error?: string) => void) => Promise<() => void>;

type Entry<T> = {
  listeners: Set<Listener<T>>;
  stop: (() => void) | null;
  closed: boolean;
  last: T | undefined;
};

export class SharedStreams<T> {
  private entries = new Map<string, Entry<T>>();
  /** How many upstreams were opened since start (for benches and the docs' figures). */
  opened = 0;

  constructor(private readonly opts: { replayLast?: boolean } = {}) {}

  subscribe(key: string, produce: Producer<T>, listener: Listener<T>): () => void {
    let entry = this.entries.get(key);
    if (!entry) {
      const e: Entry<T> = { listeners: new Set(), stop: null, closed: false, last: undefined };
      entry = e;
      this.entries.set(key, e);
      this.opened++;
      produce(
        (v) => {
          e.last = v;
          for (const l of [...e.listeners]) l.data(v);
        },
        (error) => this.finish(key, e, error),
      )
        .then((stop) => (e.closed ? stop() : (e.stop = stop)))
        .catch((err: Error) => this.finish(key, e, err.message));
    } else if (this.opts.replayLast && entry.last !== undefined) {
      listener.data(entry.last);
    }
    entry.listeners.add(listener);
    const e = entry;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      e.listeners.delete(listener);
      if (e.listeners.size === 0) this.close(key, e);
    };
  }

  /** Upstreams open right now, and how many listeners each has. */
  snapshot(): { key: string; listeners: number }[] {
    return [...this.entries].map(([key, e]) => ({ key, listeners: e.listeners.size }));
  }

  private close(key: string, e: Entry<T>) {
    if (e.closed) return;
    e.closed = true;
    if (this.entries.get(key) === e) this.entries.delete(key);
    e.stop?.();
  }

  private finish(key: string, e: Entry<T>, error?: string) {
    const listeners = [...e.listeners];
    e.listeners.clear();
    this.close(key, e);
    for (const l of listeners) l.end(error);
  }
}
