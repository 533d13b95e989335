// A full garbage collection of a bench:ha instance on demand, through its inspector (`node --inspect`, gc() exposed),
// so that every measuring window ends with the instance's garbage collected inside it: a window pays for the garbage
// it made, not for a collection whose debt an earlier window ran up (a full GC of the 20,000-container mirror's heap
// costs ~0.3-1 CPU-s, as much as a few thousand requests; whether one fell in a 15 s window decided the figure).
import fs from "node:fs";
import path from "node:path";
import WebSocket from "ws";
import type { WharfProcess } from "../scale/wharf";

/** Node arguments bench:ha gives its instances: gc() for the inspector, and no memory reducer (see docs/scale.md). */
export const FULL_GC_NODE_ARGS = "--expose-gc --no-memory-reducer --inspect=127.0.0.1:0";

export class FullGc {
  private next = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const msg: unknown = JSON.parse(String(data));
      if (typeof msg !== "object" || msg === null || !("id" in msg) || typeof msg.id !== "number") return;
      this.waiting.get(msg.id)?.("result" in msg ? msg.result : undefined);
      this.waiting.delete(msg.id);
    });
  }

  /** The inspector's address is on the server's stderr ("Debugger listening on ws://…"), in its log. */
  static async attach(server: WharfProcess): Promise<FullGc> {
    const log = fs.readFileSync(path.join(server.dataDir, "server.log"), "utf8");
    const url = /Debugger listening on (ws:\/\/\S+)/.exec(log)?.[1];
    if (!url) throw new Error(`no inspector address in ${server.dataDir}/server.log`);
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    return new FullGc(ws);
  }

  /** One inspector call; its result. */
  send(method: string, params: object = {}): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  async collect(): Promise<void> {
    await this.send("Runtime.evaluate", { expression: "gc()" });
  }

  close() {
    this.ws.close();
  }
}
