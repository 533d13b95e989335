// What a browser's containers page does with the live stream, reconnecting like EventSource: open
// GET /stream?containers=1, take a snapshot (GET /containers) once the stream says hello, apply every `containers`
// change after it, refetch on `resync`; when the stream ends (its instance died), open it again through the same
// address (HAProxy) and start over from a snapshot. Its state is what the page would show.
import { z } from "zod";
import { ContainerChange, ContainerView } from "../../lib/validations/fleet-views";

type Row = ContainerView;
const Changes = z.array(ContainerChange);
const Snapshot = z.object({ items: z.array(ContainerView) });

export type MirrorClient = {
  rows: Map<string, Row>;
  /** The instance (X-Wharf-Instance) each stream was served by, in order. */
  servedBy: string[];
  close: () => void;
};

export function openMirror(baseUrl: string, cookie: string): MirrorClient {
  const rows = new Map<string, Row>();
  const servedBy: string[] = [];
  const controller = new AbortController();
  const headers = { cookie };

  const snapshot = async () => {
    const res = await fetch(`${baseUrl}/api/v1/containers?limit=1000`, {
      headers,
      signal: controller.signal,
    });
    if (!res.ok) throw new Error(`snapshot: ${res.status}`);
    const body = Snapshot.parse(await res.json());
    rows.clear();
    for (const r of body.items) rows.set(r.id, r);
  };
  const apply = (changes: ContainerChange[]) => {
    for (const ch of changes) {
      if (ch.op === "upsert") rows.set(ch.c.id, ch.c);
      else rows.delete(ch.id);
    }
  };

  const session = async () => {
    const res = await fetch(`${baseUrl}/api/v1/stream?containers=1`, { headers, signal: controller.signal });
    if (!res.ok || !res.body) throw new Error(`stream: ${res.status}`);
    servedBy.push(res.headers.get("x-wharf-instance") ?? "?");
    const decoder = new TextDecoder();
    let buf = "";
    let pending: ContainerChange[] | null = []; // changes that arrive while the snapshot loads, applied after it
    const loadSnapshot = async () => {
      pending ??= [];
      await snapshot();
      const queued = pending;
      pending = null;
      apply(queued);
    };
    for await (const chunk of res.body) {
      buf += decoder.decode(chunk, { stream: true });
      let sep: number;
      while ((sep = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, sep);
        buf = buf.slice(sep + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === "hello" || event === "resync") void loadSnapshot().catch(() => undefined);
        if (event === "containers" && data) {
          const changes = Changes.parse(JSON.parse(data));
          if (pending) pending.push(...changes);
          else apply(changes);
        }
      }
    }
  };

  void (async () => {
    while (!controller.signal.aborted) {
      await session().catch(() => undefined);
      if (!controller.signal.aborted) await new Promise((r) => setTimeout(r, 200)); // EventSource's retry
    }
  })();
  return { rows, servedBy, close: () => controller.abort() };
}
