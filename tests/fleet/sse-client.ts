// A minimal Server-Sent Events reader over fetch (Node has no EventSource), for tests and the events bench.
export type SseEvent = { event: string; data: string; at: number };

export type SseClient = {
  events: SseEvent[];
  close: () => void;
  onEvent: (fn: (e: SseEvent) => void) => void;
  opened: Promise<number>;
};

export function openSse(url: string, headers: Record<string, string>): SseClient {
  const controller = new AbortController();
  const events: SseEvent[] = [];
  const listeners: ((e: SseEvent) => void)[] = [];
  let resolveOpen!: (status: number) => void;
  const opened = new Promise<number>((r) => (resolveOpen = r));
  void (async () => {
    try {
      const res = await fetch(url, { headers, signal: controller.signal });
      resolveOpen(res.status);
      if (!res.ok || !res.body) return;
      const decoder = new TextDecoder();
      let buf = "";
      for await (const chunk of res.body) {
        const at = performance.timeOrigin + performance.now();
        buf += decoder.decode(chunk, { stream: true });
        let sep: number;
        while ((sep = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, sep);
          buf = buf.slice(sep + 2);
          let event = "message";
          const data: string[] = [];
          for (const line of block.split("\n")) {
            if (line.startsWith("event: ")) event = line.slice(7);
            else if (line.startsWith("data: ")) data.push(line.slice(6));
          }
          if (!data.length) continue;
          const e = { event, data: data.join("\n"), at };
          events.push(e);
          for (const fn of listeners) fn(e);
        }
      }
    } catch {
      resolveOpen(0);
    }
  })();
  return { events, close: () => controller.abort(), onEvent: (fn) => listeners.push(fn), opened };
}

/** Every container change seen so far, flattened. */
export function containerChanges(
  events: SseEvent[],
): { op: string; c?: { id: string; state: string; tenant: string | null }; id?: string; t?: number }[] {
  return events.filter((e) => e.event === "containers").flatMap((e) => JSON.parse(e.data));
}
