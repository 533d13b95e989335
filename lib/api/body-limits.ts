import "server-only";
import { buildConfig } from "@/lib/builds/config";
import { MAX_INLINE_BYTES } from "@/lib/validations/build";
import { MAX_COMPOSE_BYTES } from "@/lib/validations/compose-limits";

const KiB = 1024;
const MiB = 1024 * KiB;

/** A body over its route's limit is answered 413 from its Content-Length, before any of it is read. */
export const DEFAULT_BODY_LIMIT = 64 * KiB;

/**
 * Per-route limits, first match wins; every other route gets DEFAULT_BODY_LIMIT. Each is sized from what the
 * route's schema accepts, plus room for JSON escaping (a compose file of MAX_COMPOSE_BYTES can double when quoted).
 * An inline build (a Dockerfile and small files) gets four times the Dockerfile limit in all.
 */
const LIMITS: { method: string; path: RegExp; multipart?: boolean; bytes: number }[] = [
  // The upload keeps its own limit (the archive size, enforced again while streaming by busboy).
  {
    method: "POST",
    path: /^\/api\/v1\/builds\/?$/,
    multipart: true,
    bytes: buildConfig.contextMaxBytes + MiB,
  },
  { method: "POST", path: /^\/api\/v1\/builds\/?$/, bytes: 4 * MAX_INLINE_BYTES },
  // An app's compose folder as an archive: the build upload's limit.
  {
    method: "POST",
    path: /^\/api\/v1\/projects\/[^/]+\/archives\/?$/,
    multipart: true,
    bytes: buildConfig.contextMaxBytes + MiB,
  },
  { method: "POST", path: /^\/api\/v1\/hooks\/[^/]+\/?$/, bytes: 5 * MiB },
  { method: "POST", path: /^\/api\/v1\/session\/?$/, bytes: 16 * KiB },
  // Routes that carry a compose file or an app spec.
  {
    method: "*",
    path: /^\/api\/v1\/(projects\/[^/]+\/apps|apps\/[^/]+(\/.*)?)$/,
    bytes: 2 * MAX_COMPOSE_BYTES + 64 * KiB,
  },
];

export function bodyLimitFor(method: string, pathname: string, contentType: string): number {
  const multipart = contentType.toLowerCase().startsWith("multipart/form-data");
  for (const l of LIMITS) {
    if (l.method !== "*" && l.method !== method.toUpperCase()) continue;
    if (l.multipart !== undefined && l.multipart !== multipart) continue;
    if (l.path.test(pathname)) return l.bytes;
  }
  return DEFAULT_BODY_LIMIT;
}
