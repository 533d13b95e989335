import { z } from "zod";

/** A host is reached by a unix socket or TCP (TLS when certificates are given). Nothing else is accepted. */
export type HostEndpoint = { kind: "unix"; socketPath: string } | { kind: "tcp"; host: string; port: number };

export const HostUrl = z
  .string()
  .trim()
  .max(512)
  .refine((s) => parseHostUrl(s) !== null, "must be unix:///path/to/docker.sock or tcp://host:port");

export function parseHostUrl(url: string): HostEndpoint | null {
  if (url.startsWith("unix://")) {
    const socketPath = url.slice("unix://".length);
    return socketPath.startsWith("/") && !socketPath.includes("\0") ? { kind: "unix", socketPath } : null;
  }
  if (url.startsWith("tcp://")) {
    try {
      const u = new URL(`http://${url.slice("tcp://".length)}`);
      if (u.pathname !== "/" || u.search || u.username) return null;
      const port = Number(u.port || 2376);
      return u.hostname && port > 0 && port < 65536
        ? { kind: "tcp", host: u.hostname.replace(/^\[|\]$/g, ""), port }
        : null;
    } catch {
      return null;
    }
  }
  return null;
}
