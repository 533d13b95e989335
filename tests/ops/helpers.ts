// Test helpers for the operations suites: containers on the real engine, streamed HTTP reads and the console WebSocket.
import Docker from "dockerode";
import WebSocket from "ws";
import { ApiClient } from "@/tests/helpers/api-client";
import { startWharfServer, type WharfServer } from "@/tests/helpers/wharf-server";

export const docker = new Docker({ socketPath: "/var/run/docker.sock" });
export const IMAGE = "wharf-busybox:latest";

export async function startOps(): Promise<{ server: WharfServer; admin: ApiClient; hostId: string }> {
  const server = await startWharfServer();
  const admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
  const hostId = (await admin.get("/hosts")).body.items.find((h: { name: string }) => h.name === "local").id;
  return { server, admin, hostId };
}

export async function runContainer(
  name: string,
  cmd: string[],
  opts: { tty?: boolean; labels?: Record<string, string> } = {},
) {
  const c = await docker.createContainer({
    name,
    Image: IMAGE,
    Cmd: cmd,
    Tty: !!opts.tty,
    Labels: opts.labels ?? {},
    HostConfig: { AutoRemove: false },
  });
  await c.start();
  return c;
}

export async function removeByPrefix(prefix: string) {
  for (const c of await docker.listContainers({ all: true, filters: { name: [prefix] } }))
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined);
}

export { until } from "@/tests/helpers/until";

export type Line = { ts?: string; stream: "stdout" | "stderr"; text: string; container?: string };

/**
 * GETs `path` and hands each decoded chunk of the body to `take` until it returns true (then aborts), the body ends,
 * or `timeoutMs` passes; the status, and whether the body ended (a refused request counts as ended).
 */
async function readBody(
  client: ApiClient,
  path: string,
  headers: Record<string, string>,
  timeoutMs: number,
  take: (text: string) => boolean,
): Promise<{ status: number; ended: boolean }> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  const res = await fetch(`${client.baseUrl}/api/v1${path}`, {
    headers: { cookie: client.cookie, ...headers },
    signal: ac.signal,
  });
  if (!res.ok || !res.body) {
    clearTimeout(timer);
    return { status: res.status, ended: true };
  }
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let ended = false;
  try {
    for (;;) {
      const { value, done: eof } = await reader.read();
      if (eof) {
        ended = true;
        break;
      }
      if (take(dec.decode(value, { stream: true }))) break;
    }
  } catch (err) {
    if (!ac.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return { status: res.status, ended };
}

/** Reads an NDJSON stream until `done(lines)` is true (then aborts) or the stream ends. */
export async function readNdjson(
  client: ApiClient,
  path: string,
  done: (lines: Line[]) => boolean,
  timeoutMs = 20_000,
): Promise<{ status: number; lines: Line[]; ended: boolean }> {
  const lines: Line[] = [];
  let rest = "";
  const { status, ended } = await readBody(client, path, {}, timeoutMs, (text) => {
    const parts = (rest + text).split("\n");
    rest = parts.pop() ?? "";
    for (const p of parts) if (p) lines.push(JSON.parse(p));
    return done(lines);
  });
  return { status, lines, ended };
}

/** Reads SSE `data:` events until `done(events)` is true. */
export async function readSse<T>(
  client: ApiClient,
  path: string,
  done: (events: T[]) => boolean,
  timeoutMs = 20_000,
): Promise<{ status: number; events: T[] }> {
  const events: T[] = [];
  let rest = "";
  const { status } = await readBody(client, path, { accept: "text/event-stream" }, timeoutMs, (text) => {
    const blocks = (rest + text).split("\n\n");
    rest = blocks.pop() ?? "";
    for (const b of blocks) {
      const data = b.split("\n").find((l) => l.startsWith("data: "));
      if (data && !b.startsWith("event:")) events.push(JSON.parse(data.slice(6)));
    }
    return done(events);
  });
  return { status, events };
}

export type ConsoleResult = { output: string; stderr: string; exitCode: number | null; closeCode: number };

/** Opens the console WebSocket like the browser does (session cookie + Origin). */
export function openConsole(
  client: ApiClient,
  containerId: string,
  query: string,
  headers: Record<string, string> = {},
) {
  const url = `${client.baseUrl.replace(/^http/, "ws")}/api/v1/containers/${containerId}/exec${query}`;
  return new WebSocket(url, {
    headers: { ...(client.cookie ? { cookie: client.cookie } : {}), origin: client.baseUrl, ...headers },
  });
}

/** Resolves with the HTTP status of a refused upgrade, or 101 when it opened. */
export function upgradeStatus(ws: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    ws.once("open", () => (ws.close(), resolve(101)));
    ws.once("unexpected-response", (_req, res) => (resolve(res.statusCode ?? 0), ws.terminate()));
    ws.once("error", (e) =>
      String(e.message).includes("Unexpected server response") ? undefined : reject(e),
    );
  });
}

/** Collects output until the server reports the exit (or `stopWhen` matches, then closes from our side). */
export function collectConsole(ws: WebSocket, onOpen?: (ws: WebSocket) => void): Promise<ConsoleResult> {
  return new Promise((resolve, reject) => {
    const r: ConsoleResult = { output: "", stderr: "", exitCode: null, closeCode: 0 };
    ws.on("open", () => onOpen?.(ws));
    ws.on("message", (data, isBinary) => {
      if (isBinary) r.output += data.toString();
      else {
        const m = JSON.parse(data.toString());
        if (m.type === "exit") r.exitCode = m.exitCode;
        if (m.type === "stderr") r.stderr += m.data;
      }
    });
    ws.on("close", (code) => resolve({ ...r, closeCode: code }));
    ws.on("unexpected-response", (_q, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.on("error", reject);
  });
}
