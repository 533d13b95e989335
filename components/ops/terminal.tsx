"use client";
import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import { ExecMessage, ExecQuery } from "@/lib/validations/ops";
import type { Terminal as XTerm } from "@xterm/xterm";

type Status = "idle" | "connecting" | "open" | "closed" | "error";

/**
 * The container console: xterm.js over the exec WebSocket. Binary frames carry the terminal's bytes
 * both ways; resizes are sent as JSON. Ctrl+Shift+C / Ctrl+Shift+V copy and paste (plain Ctrl+C goes to
 * the program, as in any terminal); selecting with the mouse and the browser's paste work too.
 * Leaving the page closes the socket, and the server ends the exec.
 */
export function ContainerTerminal({ containerId }: { containerId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [cmd, setCmd] = useState("/bin/sh");
  const [session, setSession] = useState(0);
  const [status, setStatus] = useState<Status>("idle");
  const [message, setMessage] = useState("");
  // The exec query's own schema: a refused command shows on the field, where a refused upgrade says nothing.
  const form = useSchemaForm(ExecQuery, null);
  const cmdError = fieldErrors(form.error).cmd;

  useEffect(() => {
    if (!session || !host.current) return;
    let disposed = false;
    let term: XTerm | null = null;
    let ws: WebSocket | null = null;
    const cleanups: (() => void)[] = [];
    (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([
        import("@xterm/xterm"),
        import("@xterm/addon-fit"),
      ]);
      if (disposed || !host.current) return;
      term = new Terminal({
        cursorBlink: true,
        fontSize: 13,
        fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace",
        theme: { background: "#020617" },
        scrollback: 5000,
      });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.open(host.current);
      fit.fit();
      const t = term;
      t.attachCustomKeyEventHandler((e) => {
        if (e.type === "keydown" && e.ctrlKey && e.shiftKey && e.code === "KeyC") {
          void navigator.clipboard?.writeText(t.getSelection());
          return false;
        }
        if (e.type === "keydown" && e.ctrlKey && e.shiftKey && e.code === "KeyV") {
          void navigator.clipboard?.readText().then((text) => t.paste(text));
          return false;
        }
        return true;
      });
      const proto = location.protocol === "https:" ? "wss" : "ws";
      const params = new URLSearchParams({ cmd, cols: String(t.cols), rows: String(t.rows) });
      setStatus("connecting");
      ws = new WebSocket(
        `${proto}://${location.host}/api/v1/containers/${encodeURIComponent(containerId)}/exec?${params}`,
      );
      ws.binaryType = "arraybuffer";
      const socket = ws;
      const enc = new TextEncoder();
      socket.onopen = () => {
        setStatus("open");
        setMessage("");
        t.focus();
      };
      socket.onmessage = (ev) => {
        if (typeof ev.data !== "string") return t.write(new Uint8Array(ev.data as ArrayBuffer));
        const msg = ExecMessage.parse(JSON.parse(ev.data));
        if (msg.type === "exit") setMessage(`Process exited with code ${msg.exitCode ?? "?"}.`);
        if (msg.type === "stderr" && msg.data) t.write(msg.data);
      };
      socket.onclose = (ev) => {
        setStatus((s) => (s === "connecting" ? "error" : "closed"));
        if (ev.code !== 1000 && ev.code !== 1005)
          setMessage(
            (m) =>
              m ||
              "The console could not be opened or was closed (check your role, the container state and the command).",
          );
      };
      const data = t.onData((d) => socket.readyState === WebSocket.OPEN && socket.send(enc.encode(d)));
      const resize = t.onResize(
        ({ cols, rows }) =>
          socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify({ type: "resize", cols, rows })),
      );
      const onWindowResize = () => fit.fit();
      window.addEventListener("resize", onWindowResize);
      const observer = new ResizeObserver(() => fit.fit());
      observer.observe(host.current);
      cleanups.push(
        () => data.dispose(),
        () => resize.dispose(),
        () => window.removeEventListener("resize", onWindowResize),
        () => observer.disconnect(),
      );
    })().catch((err: Error) => {
      setStatus("error");
      setMessage(err.message);
    });
    return () => {
      disposed = true;
      cleanups.forEach((c) => c());
      ws?.close();
      term?.dispose();
    };
  }, [session]); // eslint-disable-line react-hooks/exhaustive-deps -- one terminal and socket per session; the other values are read once at open

  const connected = status === "open" || status === "connecting";
  return (
    <div className="space-y-3">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={form.onSubmit(
          () => ({ cmd }),
          () => setSession((n) => n + 1),
        )}
      >
        <label className="min-w-60 flex-1 text-xs text-slate-600 dark:text-slate-400">
          Command
          <input
            aria-label="Command"
            aria-invalid={cmdError ? true : undefined}
            aria-describedby={cmdError ? "terminal-cmd-error" : undefined}
            className={`${controlClass} mt-1 font-mono`}
            value={cmd}
            onChange={(e) => setCmd(e.target.value)}
            disabled={connected}
          />
          {cmdError ? (
            <span id="terminal-cmd-error" className="mt-1 block text-red-600 dark:text-red-400">
              {cmdError}
            </span>
          ) : null}
        </label>
        {/* Distinct keys: reusing one <button> whose type flips to "submit" mid-click would reconnect at once. */}
        {connected ? (
          <Button
            key="disconnect"
            type="button"
            variant="secondary"
            onClick={() => {
              setSession(0);
              setStatus("closed");
            }}
          >
            Disconnect
          </Button>
        ) : (
          <Button key="connect" type="submit">
            {session ? "Reconnect" : "Connect"}
          </Button>
        )}
      </form>
      <p className="text-xs text-slate-500" aria-live="polite">
        {status === "idle"
          ? "Opens a process in the container (no shell interprets the command: words separated by spaces). "
          : null}
        {status === "connecting"
          ? "Connecting… "
          : status === "open"
            ? "Connected. Ctrl+Shift+C copies the selection, Ctrl+Shift+V pastes. "
            : status === "closed"
              ? "Disconnected. "
              : null}
        {message}
      </p>
      <div
        ref={host}
        data-testid="terminal"
        className="dark h-[60vh] overflow-hidden rounded-lg border border-slate-200 bg-slate-950 p-2 scheme-dark dark:border-slate-800"
      />
    </div>
  );
}
