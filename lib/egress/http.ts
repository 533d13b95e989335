import "server-only";
import http from "node:http";
import https from "node:https";
import { checkUrlEgress, type EgressSubject } from "@/lib/egress/check";
import type { LookupFunction } from "node:net";

export type EgressResponse = { status: number; headers: http.IncomingHttpHeaders };

/** Any failure below HTTP (refused, reset, TLS, timeout): one error, so a probe learns nothing from it. */
export class EgressUnreachable extends Error {}

/**
 * GET under the egress policy: the host is resolved and checked first, and the socket connects to the
 * address that was checked (a custom lookup), so DNS cannot answer differently the second time.
 * Redirects are not followed: callers decide, and check the next URL again.
 * Only the status and headers are read; the body is discarded.
 */
export async function egressGet(
  url: URL,
  headers: Record<string, string>,
  who: EgressSubject,
  timeoutMs = 10_000,
): Promise<EgressResponse> {
  const address = await checkUrlEgress(url, who);
  const family = address.includes(":") ? 6 : 4;
  const lookup: LookupFunction = (_host, opts, cb) => {
    if (opts.all) cb(null, [{ address, family }]);
    else cb(null, address, family);
  };
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method: "GET", headers, lookup, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => reject(new EgressUnreachable(`cannot reach ${url.host}`)));
    req.end();
  });
}
