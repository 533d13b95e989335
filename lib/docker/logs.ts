import "server-only";
import { Readable } from "node:stream";
import { dockerFor, type HostConnection } from "@/lib/docker/client";

export type LogOptions = {
  follow: boolean;
  tail?: number | "all";
  timestamps: boolean;
  since?: number;
  until?: number;
};

/**
 * Opens the engine's log stream for a container (raw bytes: multiplexed frames, or plain bytes for a TTY —
 * see lib/ops/log-decoder.ts). The caller must destroy the stream when done, or the engine keeps following.
 */
export async function openLogStream(host: HostConnection, id: string, opts: LogOptions): Promise<Readable> {
  const options = {
    stdout: true,
    stderr: true,
    follow: opts.follow,
    timestamps: opts.timestamps,
    tail: opts.tail === undefined ? "all" : String(opts.tail),
    ...(opts.since !== undefined ? { since: opts.since } : {}),
    ...(opts.until !== undefined ? { until: opts.until } : {}),
  };
  // dockerode buffers a non-following read whole; dialling with isStream keeps a large log out of memory.
  // (follow + until=now would stream too, but engine 20.10 then ignores `tail` and returns nothing.)
  const modem = dockerFor(host).stream.modem;
  return new Promise((resolve, reject) =>
    modem.dial(
      {
        path: `/containers/${encodeURIComponent(id)}/logs?`,
        method: "GET",
        isStream: true,
        statusCodes: { 200: true, 404: "no such container", 500: "server error" },
        options,
      },
      (err, data) =>
        err
          ? reject(err)
          : data instanceof Readable
            ? resolve(data)
            : reject(new Error("logs: the engine answered without a stream")),
    ),
  );
}
