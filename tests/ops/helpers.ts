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

/** Reads an NDJSON stream until `done(lines)` is true (then aborts) or the stream ends. */
export async function readNdjson(
  client: ApiClient,
  path: string,
  done: (lines: Line[]) => boolean,
  timeoutMs = 20_000,
): Promise<{ status: number; lines: Line[]; ended: boolean }> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  const res = await fetch(`${client.baseUrl}/api/v1${path}`, {
    headers: { cookie: client.cookie },
    signal: ac.signal,
  });
  const lines: Line[] = [];
  if (!res.ok || !res.body) {
    clearTimeout(timer);
    return { status: res.status, lines, ended: true };
  }
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let rest = "";
  let ended = false;
  try {
    for (;;) {
      const { value, done: eof } = await reader.read();
      if (eof) {
        ended = true;
        break;
      }
      const parts = (rest + dec.decode(value, { stream: true })).split("\n");
      rest = parts.pop() ?? "";
      for (const p of parts) if (p) lines.push(JSON.parse(p));
      if (done(lines)) break;
    }
  } catch (err) {
    if (!ac.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return { status: res.status, lines, ended };
}

/** Reads SSE `data:` events until `done(events)` is true. */
export async function readSse<T>(
  client: ApiClient,
  path: string,
  done: (events: T[]) => boolean,
  timeoutMs = 20_000,
): Promise<{ status: number; events: T[] }> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  const res = await fetch(`${client.baseUrl}/api/v1${path}`, {
    headers: { cookie: client.cookie, accept: "text/event-stream" },
    signal: ac.signal,
  });
  const events: T[] = [];
  if (!res.ok || !res.body) return (clearTimeout(timer), { status: res.status, events });
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let rest = "";
  try {
    for (;;) {
      const { value, done: eof } = await reader.read();
      if (eof) break;
      const blocks = (rest + dec.decode(value, { stream: true })).split("\n\n");
      rest = blocks.pop() ?? "";
      for (const b of blocks) {
        const data = b.split("\n").find((l) => l.startsWith("data: "));
        if (data && !b.startsWith("event:")) events.push(JSON.parse(data.slice(6)));
      }
      if (done(events)) break;
    }
  } catch (err) {
    if (!ac.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return { status: res.status, events };
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
