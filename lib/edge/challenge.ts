import "server-only";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { isIP, type LookupFunction } from "node:net";
import { db } from "@/lib/db";
import { EgressRefused, EgressUnresolved } from "@/lib/egress/check";
import { EgressFetchFailed, egressText } from "@/lib/egress/http";
import type { EdgeChallenge } from "./config";

// Proof of control of a custom domain by an HTTP token (docs/edge.md "Proof of control"). The edge answers
// http://<domain>/.well-known/wharf-challenge/<id> with the domain's random token (a static response in Caddy's
// HTTP server, lib/edge/config.ts); Verify makes Wharf fetch that URL through DNS. Only a name whose DNS points at
// the edge (or at a server its owner runs that serves the token) answers it, so a match proves control.
// The fetch is SSRF-shaped, so it goes through the egress policy (resolved, checked, pinned), follows no
// redirect, reads at most MAX_BYTES, and gives up after TIMEOUT_MS; the answer is never shown back.

export const CHALLENGE_PATH = "/.well-known/wharf-challenge/";
const MAX_BYTES = 1024;
const TIMEOUT_MS = 5000;

/** A fresh token: 32 characters of [A-Za-z0-9_-] (so nothing in it can mean anything to Caddy's JSON). */
export const newChallengeToken = () => randomBytes(24).toString("base64url");

const httpPort = () => {
  const n = Number(process.env.WHARF_EDGE_HTTP_PORT);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : 80;
};

/** The address the developer's DNS must make answer with the token (the edge's HTTP port). */
export function challengeUrl(host: string, domainId: string): string {
  const port = httpPort();
  return `http://${host}${port === 80 ? "" : `:${port}`}${CHALLENGE_PATH}${domainId}`;
}

/**
 * WHARF_EDGE_VERIFY_RESOLVE="name=address,…": the verifier connects to `address` for `name` instead of asking DNS,
 * like `curl --resolve`. A test and air-gapped knob, read from Wharf's environment only (never from a request):
 * a listed name is proven by Wharf's own edge, so list only names the operator hands out. Unlisted names go
 * through DNS and the egress policy.
 */
export function verifyResolveMap(value = process.env.WHARF_EDGE_VERIFY_RESOLVE ?? ""): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of value.split(",")) {
    const [name, address] = entry.split("=").map((s) => s.trim());
    if (name && address && isIP(address)) map.set(name.toLowerCase(), address);
  }
  return map;
}

/** GET `url` on `address` (the operator's own, from the map): no redirect, MAX_BYTES, TIMEOUT_MS, status 200. */
function pinnedText(url: URL, address: string): Promise<string> {
  const family = isIP(address);
  const lookup: LookupFunction = (_h, opts, cb) =>
    opts.all ? cb(null, [{ address, family }]) : cb(null, address, family);
  return new Promise((resolve, reject) => {
    const req = http.get(url, { lookup, timeout: TIMEOUT_MS }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new EgressFetchFailed(`HTTP ${res.statusCode ?? 0}`));
      }
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on("data", (c: Buffer) => {
        bytes += c.length;
        if (bytes > MAX_BYTES) {
          res.destroy();
          reject(new EgressFetchFailed(`larger than ${MAX_BYTES} bytes`));
        } else chunks.push(c);
      });
      res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      res.on("error", () => reject(new Error("unreachable")));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => reject(new Error("unreachable")));
  });
}

/** null when `host` answers the challenge with `token`; otherwise why not, in words safe to show the developer. */
export async function challengeProblem(
  host: string,
  domainId: string,
  token: string,
): Promise<string | null> {
  const url = new URL(challengeUrl(host, domainId));
  const pinned = verifyResolveMap().get(host);
  try {
    const body = pinned
      ? await pinnedText(url, pinned)
      : await egressText(url, {}, { admin: false }, { maxBytes: MAX_BYTES, timeoutMs: TIMEOUT_MS });
    return body.trim() === token ? null : `${url.href} answered, but not with this domain's token`;
  } catch (err) {
    if (err instanceof EgressUnresolved) return `${host} does not resolve: point its DNS at the edge`;
    if (err instanceof EgressRefused)
      return `${host} resolves to an address Wharf may not fetch (egress policy)`;
    if (err instanceof EgressFetchFailed) return `${url.href} answered ${err.message}, not the token`;
    return `${url.href} did not answer (within ${TIMEOUT_MS / 1000} s): point the name's DNS at the edge`;
  }
}

/**
 * The challenges the edge serves: custom domains waiting for proof. A name another tenant already routes is left
 * out (claims refuse it too), so a pending claim can never answer on a name someone else holds.
 */
export async function pendingChallenges(): Promise<EdgeChallenge[]> {
  const rows = await db.appDomain.findMany({
    where: { approved: false, challengeToken: { not: null } },
    select: { id: true, host: true, tenantId: true, challengeToken: true },
    orderBy: { id: "asc" },
  });
  if (rows.length === 0) return [];
  const held = await db.appDomain.findMany({
    where: { approved: true, host: { in: rows.map((r) => r.host) } },
    select: { host: true, tenantId: true },
  });
  return rows
    .filter((r) => !held.some((h) => h.host === r.host && h.tenantId !== r.tenantId))
    .map((r) => ({ host: r.host, id: r.id, token: r.challengeToken ?? "" }));
}
