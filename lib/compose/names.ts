// Docker object names and labels for an app's objects. Scheme:
//   wharf_<tenant>_<project>_<app>_<object>        (networks, volumes)
//   wharf_<tenant>_<project>_<app>_<service>_<n>   (containers, n ≥ 1)
// Tenant, project and app slugs contain no "_" (APP_NAME_RE), so every "_"
// before the object name is a separator and two different inputs can never
// produce the same name. Names longer than MAX_SCOPED_NAME_LENGTH keep a
// readable prefix and end in a hash of the full name; only hashed names reach
// exactly that length, so they cannot collide with an unhashed one.
// Object and service names are the spec's (capitals allowed); engineToken maps the ones the engine would
// compare without case (Swarm names, DNS) to lowercase ones that cannot meet.
import { createHash } from "node:crypto";
import { WHARF_LABELS } from "@/lib/docker/labels";
import { engineToken, SWARM_SAFE_RE } from "./engine-token";
import { APP_NAME_RE } from "../validations/compose-limits";

/** 63 keeps names usable as DNS labels (container names resolve on app networks). */
export const MAX_SCOPED_NAME_LENGTH = 63;
const HASH_CHARS = 16;
export const WHARF_NAME_PREFIX = "wharf";

function assertSlug(kind: string, value: string): void {
  if (!APP_NAME_RE.test(value)) throw new Error(`invalid ${kind} slug "${value}"`);
}

function joinScoped(tenantSlug: string, projectSlug: string, appName: string, tail: string): string {
  assertSlug("tenant", tenantSlug);
  assertSlug("project", projectSlug);
  assertSlug("app", appName);
  const full = [WHARF_NAME_PREFIX, tenantSlug, projectSlug, appName, tail].join("_");
  if (full.length < MAX_SCOPED_NAME_LENGTH) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, HASH_CHARS);
  return `${full.slice(0, MAX_SCOPED_NAME_LENGTH - HASH_CHARS - 1)}_${hash}`;
}

export function scopedName(
  tenantSlug: string,
  projectSlug: string,
  appName: string,
  objectName: string,
): string {
  return joinScoped(tenantSlug, projectSlug, appName, engineToken(objectName));
}

/** A Swarm service's name: its token must also be a DNS name component. */
export function swarmServiceName(
  tenantSlug: string,
  projectSlug: string,
  appName: string,
  service: string,
): string {
  return joinScoped(tenantSlug, projectSlug, appName, engineToken(service, SWARM_SAFE_RE));
}

/** Container for replica `index` (1-based, like Compose) of `service`. */
export function containerName(
  tenantSlug: string,
  projectSlug: string,
  appName: string,
  service: string,
  index: number,
): string {
  if (!Number.isSafeInteger(index) || index < 1) throw new Error(`invalid replica index ${index}`);
  return joinScoped(tenantSlug, projectSlug, appName, `${engineToken(service)}_${index}`);
}

export type WharfLabelInput = { tenantId: string; projectId: string; appId: string; service?: string };

/** Labels the server stamps on every object it creates (users may not set `wharf.*`). */
export function wharfLabels({
  tenantId,
  projectId,
  appId,
  service,
}: WharfLabelInput): Record<string, string> {
  const labels: Record<string, string> = {
    [WHARF_LABELS.tenant]: tenantId,
    [WHARF_LABELS.project]: projectId,
    [WHARF_LABELS.app]: appId,
  };
  if (service !== undefined) labels[WHARF_LABELS.service] = service;
  return labels;
}
