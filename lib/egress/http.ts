import "server-only";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import http from "node:http";
import https from "node:https";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { checkUrlEgress, type EgressSubject } from "@/lib/egress/check";
import type { LookupFunction } from "node:net";

export type EgressResponse = { status: number; headers: http.IncomingHttpHeaders };

/** Any failure below HTTP (refused, reset, TLS, timeout): one error, so a probe learns nothing from it. */
export class EgressUnreachable extends Error {}

/** A download that got an answer it cannot use (an HTTP error, too many redirects, too large). */
export class EgressFetchFailed extends Error {}

/**
 * Opens a GET under the egress policy: the host is resolved and checked first, and the socket connects
 * to the address that was checked (a custom lookup), so DNS cannot answer differently the second time.
 * Redirects are not followed here.
 */
async function open(
  url: URL,
  headers: Record<string, string>,
  who: EgressSubject,
  timeoutMs: number,
  signal?: AbortSignal,
  body?: string,
): Promise<http.IncomingMessage> {
  const address = await checkUrlEgress(url, who);
  const family = address.includes(":") ? 6 : 4;
  const lookup: LookupFunction = (_host, opts, cb) => {
    if (opts.all) cb(null, [{ address, family }]);
    else cb(null, address, family);
  };
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const method = body === undefined ? "GET" : "POST";
    const req = lib.request(url, { method, headers, lookup, timeout: timeoutMs, signal }, resolve);
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => reject(new EgressUnreachable(`cannot reach ${url.host}`)));
    req.end(body);
  });
}

/**
 * GET under the egress policy. Redirects are not followed: callers decide, and check the next URL again.
 * Only the status and headers are read; the body is discarded.
 */
export async function egressGet(
  url: URL,
  headers: Record<string, string>,
  who: EgressSubject,
  timeoutMs = 10_000,
): Promise<EgressResponse> {
  const res = await open(url, headers, who, timeoutMs);
  res.resume();
  return { status: res.statusCode ?? 0, headers: res.headers };
}

/**
 * GET a text page under the egress policy (checked, pinned, no redirects), at most `maxBytes` of it: a larger one
 * fails (EgressFetchFailed), as does a status other than 200.
 */
export async function egressText(
  url: URL,
  headers: Record<string, string>,
  who: EgressSubject,
  opts: { maxBytes: number; timeoutMs?: number },
): Promise<string> {
  const res = await open(url, headers, who, opts.timeoutMs ?? 10_000);
  if (res.statusCode !== 200) {
    res.resume();
    throw new EgressFetchFailed(`HTTP ${res.statusCode ?? 0}`);
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > opts.maxBytes) {
      res.destroy();
      throw new EgressFetchFailed(`larger than ${opts.maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** POST `body` under the egress policy, like egressGet (checked, pinned, no redirects); the answer is discarded. */
export async function egressPost(
  url: URL,
  headers: Record<string, string>,
  body: string,
  who: EgressSubject,
  timeoutMs = 10_000,
): Promise<EgressResponse> {
  const res = await open(url, headers, who, timeoutMs, undefined, body);
  res.resume();
  return { status: res.statusCode ?? 0, headers: res.headers };
}

export type Download = { bytes: number; sha256: string; lastModified: Date | null };

const MAX_REDIRECTS = 10; // as the engine's HTTP client

/**
 * Downloads `url` into a new file (mode 0600) under the egress policy, following redirects itself:
 * EVERY hop is resolved, checked and pinned like the first, so a server the policy allows cannot
 * send the download on to loopback, a private address or a metadata endpoint. Credentials in the
 * URL go to its own host only. Throws EgressRefused (a hop the policy refuses), EgressUnresolved,
 * EgressUnreachable or EgressFetchFailed.
 */
export async function egressDownload(
  url: URL,
  who: EgressSubject,
  opts: { file: string; maxBytes: number; timeoutMs: number; signal?: AbortSignal },
): Promise<Download> {
  const signal = AbortSignal.any([
    AbortSignal.timeout(opts.timeoutMs),
    ...(opts.signal ? [opts.signal] : []),
  ]);
  const auth = url.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}`
    : "";
  let current = new URL(url.href);
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = auth && current.host === url.host ? { authorization: auth } : {};
    current.username = "";
    current.password = "";
    const res = await open(current, headers, who, opts.timeoutMs, signal);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status >= 300 && status < 400 && location) {
      res.resume();
      if (hop >= MAX_REDIRECTS) throw new EgressFetchFailed(`more than ${MAX_REDIRECTS} redirects`);
      current = new URL(location, current);
      if (current.protocol !== "http:" && current.protocol !== "https:")
        throw new EgressFetchFailed(`a redirect to a ${current.protocol} URL`);
      continue;
    }
    if (status < 200 || status >= 300) {
      res.resume();
      throw new EgressFetchFailed(`HTTP ${status}`);
    }
    const hash = createHash("sha256");
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > opts.maxBytes) return done(new EgressFetchFailed(`larger than ${opts.maxBytes} bytes`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(res, count, createWriteStream(opts.file, { flags: "wx", mode: 0o600 }), { signal });
    } catch (err) {
      if (err instanceof EgressFetchFailed) throw err;
      throw new EgressUnreachable(`cannot reach ${current.host}`);
    }
    const modified = res.headers["last-modified"] ? new Date(res.headers["last-modified"]) : null;
    return {
      bytes,
      sha256: hash.digest("hex"),
      lastModified: modified && !Number.isNaN(modified.getTime()) ? modified : null,
    };
  }
}
