"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { clientErrorOf } from "@/lib/client/api";
import { readNdjson } from "@/lib/client/stream";
import { LogLineView } from "@/lib/validations/ops";

/** Lines kept in the page; older ones are dropped (the download has everything). */
export const MAX_LINES = 5000;

export type LogStreamState = {
  lines: LogLineView[];
  status: "loading" | "following" | "done" | "error";
  error?: string;
  dropped: number;
};

/**
 * Reads an NDJSON log stream with fetch. Lines arrive in a buffer and reach React at most once per
 * animation frame, and only the last MAX_LINES are kept: the page keeps up with thousands of lines a second.
 */
export function useLogStream(url: string | null): LogStreamState & { clear: () => void } {
  const [state, setState] = useState<LogStreamState>({ lines: [], status: "loading", dropped: 0 });
  const buffer = useRef<LogLineView[]>([]);
  const frame = useRef<number | null>(null);

  const flush = useCallback(() => {
    frame.current = null;
    const incoming = buffer.current;
    buffer.current = [];
    if (!incoming.length) return;
    setState((s) => {
      const all = s.lines.concat(incoming);
      const cut = Math.max(0, all.length - MAX_LINES);
      return { ...s, lines: cut ? all.slice(cut) : all, dropped: s.dropped + cut };
    });
  }, []);

  useEffect(() => {
    if (!url) return;
    const ac = new AbortController();
    setState({ lines: [], status: "loading", dropped: 0 });
    buffer.current = [];
    (async () => {
      const res = await fetch(url, { signal: ac.signal, credentials: "same-origin" });
      if (!res.ok || !res.body) {
        const error = (await clientErrorOf(res)).message;
        setState((s) => ({ ...s, status: "error", error }));
        return;
      }
      setState((s) => ({ ...s, status: url.includes("follow=true") ? "following" : "loading" }));
      for await (const line of readNdjson(res.body)) {
        buffer.current.push(LogLineView.parse(line));
        if (buffer.current.length > MAX_LINES) buffer.current = buffer.current.slice(-MAX_LINES);
        frame.current ??= requestAnimationFrame(flush);
      }
      flush();
      setState((s) => ({ ...s, status: "done" }));
    })().catch((err: Error) => {
      if (!ac.signal.aborted) setState((s) => ({ ...s, status: "error", error: err.message }));
    });
    return () => {
      ac.abort();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [url, flush]);

  const clear = useCallback(() => setState((s) => ({ ...s, lines: [], dropped: 0 })), []);
  return { ...state, clear };
}
