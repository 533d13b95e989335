/**
 * The one root of every TanStack Query key: `[resource, ...rest]`. Each resource module
 * (`lib/client/hooks/use-<resource>.ts`) builds its keys with `rootKey(resource)` and keeps them beside its hooks, so
 * invalidating `xKeys.all` refreshes everything about that resource, and the live stream patches the very keys the
 * lists read. No query key is written inline (checked by lib/client/keys.test.ts).
 */
export const RESOURCES = [
  "me",
  "tenants",
  "users",
  "projects",
  "tokens",
  "audit",
  "egress",
  "shared-images",
  "registries",
  "hosts",
  "fleet",
  "containers",
  "swarm",
  "cluster",
  "events",
  "apps",
  "builds",
  "edge",
  "templates",
  "alerts",
  "notifications",
  "metrics",
] as const;
export type Resource = (typeof RESOURCES)[number];

/** `rootKey("hosts")()` is `["hosts"]`; `rootKey("hosts")("detail", id)` is `["hosts", "detail", id]`. */
export const rootKey =
  <R extends Resource>(resource: R) =>
  <const T extends readonly unknown[]>(...rest: T) =>
    [resource, ...rest] as const;
