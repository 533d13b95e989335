import "server-only";
import { randomBytes } from "node:crypto";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { errorText, toApiError } from "@/lib/api/errors";
import { isSameOrigin, requestFromNode } from "@/lib/api/request";
import { authenticate } from "@/lib/api/with-auth";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { watchStream } from "@/lib/auth/live-streams";
import { inspectExec, killExecByMarker, resizeExec, startExec } from "@/lib/docker/exec";
import { FrameDemuxer } from "@/lib/ops/frames";
import { refuseUpgrade } from "@/lib/ops/upgrade-auth";
import { loadContainerFor, type AccessibleContainer } from "@/lib/services/container-access";
import { parseExecCommand } from "@/lib/validations/exec-command";
import { ExecQuery } from "@/lib/validations/ops";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

export const EXEC_PATH = /^\/api\/v1\/containers\/([^/]+)\/exec\/?$/;
/** Pause reading the engine when this much output waits for a slow browser. */
const HIGH_WATER = 1 << 20;

const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });

/**
 * The `upgrade` hook server.ts calls: claims /api/v1/containers/{id}/exec and answers true; leaves
 * every other path alone. Checks run before the upgrade, so a refusal is a plain HTTP status.
 * No app route may exist at this path: Next.js's own upgrade listener ends the socket of any upgrade
 * whose path matches a route (it leaves unmatched paths to custom servers like this one).
 */
export function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
  const url = new URL(req.url ?? "/", "http://localhost");
  const m = EXEC_PATH.exec(url.pathname);
  if (!m) return false;
  let containerId: string;
  try {
    containerId = decodeURIComponent(m[1]);
  } catch {
    refuseUpgrade(socket, 404, "not_found", "Container not found");
    return true;
  }
  openConsole(req, socket, head, containerId, url.searchParams).catch((err) => {
    const e = toApiError(err);
    refuseUpgrade(socket, e.status, e.code, e.message);
  });
  return true;
}

async function openConsole(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  containerId: string,
  search: URLSearchParams,
) {
  const request = requestFromNode(req);
  let actor: Actor;
  try {
    actor = await authenticate(request);
  } catch (err) {
    const e = toApiError(err);
    return refuseUpgrade(socket, e.status, e.code, e.message);
  }
  // Browsers send cookies on cross-site WebSockets too; only our own pages may open a console.
  const origin = request.headers.get("origin");
  if ((actor.via === "session" || origin) && !isSameOrigin(request)) {
    await recordAudit({
      action: "container.exec",
      outcome: "denied",
      actor,
      targetType: "container",
      targetId: containerId,
      detail: { reason: "foreign origin", origin },
    });
    return refuseUpgrade(
      socket,
      403,
      "csrf",
      "Cross-site WebSocket refused: the Origin header does not match this server",
    );
  }
  // A refused command throws here (422 with the `cmd` field, as the console's form checks it); parsed gives argv.
  const q = ExecQuery.parse(Object.fromEntries(search));
  const parsed = parseExecCommand(q.cmd);
  if ("error" in parsed) return refuseUpgrade(socket, 422, "invalid", parsed.error);
  let c: AccessibleContainer;
  try {
    c = await loadContainerFor(actor, containerId, "exec");
  } catch (err) {
    const e = toApiError(err);
    await recordAudit({
      action: "container.exec",
      outcome: e.status === 403 ? "denied" : "failure",
      actor,
      targetType: "container",
      targetId: containerId,
      detail: { status: e.status, command: q.cmd },
    });
    throw e;
  }
  const marker = randomBytes(16).toString("hex");
  const session = await startExec(c.host, c.id, {
    argv: parsed.argv,
    tty: q.tty,
    marker,
    cols: q.cols,
    rows: q.rows,
  });
  wss.handleUpgrade(req, socket, head, (ws) =>
    bridge(ws, session.stream, {
      actor,
      c,
      execId: session.execId,
      marker,
      tty: q.tty,
      command: parsed.argv.join(" "),
      // Re-run while the console is open: the same credentials, then the same container check.
      rights: async () => loadContainerFor(await authenticate(request), containerId, "exec"),
    }),
  );
}

type Ctx = {
  actor: Actor;
  c: AccessibleContainer;
  execId: string;
  marker: string;
  tty: boolean;
  command: string;
  rights: () => Promise<unknown>;
};

function bridge(ws: WebSocket, engine: Duplex, ctx: Ctx) {
  const startedAt = new Date();
  const demux = ctx.tty ? null : new FrameDemuxer();
  let engineEnded = false;
  let browserClosed = false;
  let finished = false;
  let revokedBecause: string | null = null;
  // Disabling the user or removing their membership closes the console at once (lib/auth/live-streams.ts).
  const unwatch = watchStream({
    userId: ctx.actor.id,
    check: ctx.rights,
    close: (reason) => {
      revokedBecause = reason;
      if (ws.readyState !== ws.OPEN) return;
      ws.send(JSON.stringify({ type: "revoked", reason }));
      // 1008: policy violation; a close reason is at most 123 bytes.
      ws.close(1008, Buffer.from(`revoked: ${reason}`).subarray(0, 123).toString());
    },
  });

  const send = (data: Buffer | string) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(data);
    if (ws.bufferedAmount > HIGH_WATER && !engine.isPaused()) {
      engine.pause();
      const poll = setInterval(() => {
        if (ws.readyState !== ws.OPEN || ws.bufferedAmount < HIGH_WATER / 4) {
          clearInterval(poll);
          engine.resume();
        }
      }, 50);
    }
  };

  engine.on("data", (chunk: Buffer) => {
    if (!demux) return send(chunk);
    for (const f of demux.push(chunk))
      send(
        f.stream === "stdout" ? f.data : JSON.stringify({ type: "stderr", data: f.data.toString("utf8") }),
      );
  });
  const onEngineEnd = async () => {
    if (engineEnded || browserClosed) return;
    engineEnded = true;
    const info = await inspectExec(ctx.c.host, ctx.execId).catch(() => ({ running: false, exitCode: null }));
    if (ws.readyState === ws.OPEN) {
      ws.send(JSON.stringify({ type: "exit", exitCode: info.exitCode }));
      ws.close(1000, "exited");
    }
    await finish("process exited", info.exitCode);
  };
  engine.on("end", onEngineEnd);
  engine.on("close", onEngineEnd);
  engine.on("error", () => void onEngineEnd());

  ws.on("message", (data: RawData, isBinary: boolean) => {
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary) return void engine.write(buf);
    let msg: { type?: string; data?: unknown; cols?: unknown; rows?: unknown };
    try {
      msg = JSON.parse(buf.toString("utf8"));
    } catch {
      return void engine.write(buf); // plain text typed by a simple client
    }
    if (msg.type === "input" && typeof msg.data === "string") engine.write(msg.data);
    else if (msg.type === "eof") engine.end();
    else if (msg.type === "resize" && ctx.tty) {
      const cols = Number(msg.cols),
        rows = Number(msg.rows);
      if (
        Number.isInteger(cols) &&
        Number.isInteger(rows) &&
        cols > 0 &&
        rows > 0 &&
        cols <= 1000 &&
        rows <= 1000
      )
        void resizeExec(ctx.c.host, ctx.execId, cols, rows).catch(() => undefined);
    }
  });
  // Closing the tab ends the exec: the engine would keep a TTY shell running, so kill what it left.
  ws.on("close", async () => {
    if (engineEnded) return;
    browserClosed = true;
    engine.destroy();
    const info = await inspectExec(ctx.c.host, ctx.execId).catch(() => ({ running: false, exitCode: null }));
    if (info.running)
      await killExecByMarker(ctx.c.host, ctx.c.id, ctx.marker).catch((err) =>
        console.warn("[wharf] exec kill failed", errorText(err)),
      );
    await finish("browser closed", info.exitCode);
  });

  async function finish(endedBy: string, exitCode: number | null) {
    if (finished) return;
    finished = true;
    unwatch();
    if (revokedBecause) endedBy = `revoked: ${revokedBecause}`;
    await recordAudit({
      action: "container.exec",
      outcome: "success",
      actor: ctx.actor,
      tenantId: ctx.c.tenantId,
      targetType: "container",
      targetId: ctx.c.id,
      detail: {
        name: ctx.c.name,
        hostId: ctx.c.hostId,
        command: ctx.command,
        tty: ctx.tty,
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - startedAt.getTime(),
        exitCode,
        endedBy,
      },
    });
  }
}

/** Start hook: installs the upgrade handler server.ts looks for. */
export function registerExecBridge() {
  globalThis.wharfUpgrade = handleUpgrade;
}
