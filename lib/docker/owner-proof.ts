// Who owns a container, proved rather than claimed. Any label can be written by whoever controls an image or a
// Dockerfile (`LABEL wharf.tenant=<B>` reaches every build-step container and every container run from that
// image), so the `wharf.*` scoping labels count only when they carry this proof: an HMAC, under a key only the
// server holds, over those labels AND the name the container is bound to. The container id would be the ideal
// binding but is only known after create, and labels cannot change after create. The name is the next best thing:
// it is set by the server at create time, unique on its engine, and no tenant can choose or change one (compose
// `container_name` only adds a network alias, build-step containers get the engine's random names, Swarm names task containers
// `<service>.<slot>.<task id>` after the service Wharf named). A proof copied onto any other container is worthless.
// Pure (node:crypto only, no server-only), so the engine simulator and tests can stamp valid proofs too.
import { createHmac, timingSafeEqual } from "node:crypto";
import { OWNER_LABEL, WHARF_LABELS } from "@/lib/docker/labels";

/** `c`: a container Wharf created, bound to its own name. `t`: a Swarm task container, bound to its service's name. */
export type OwnerKind = "c" | "t";
export type OwnerFields = { tenant: string; project: string; app: string; service: string };
export type VerifiedOwner = OwnerFields & { kind: OwnerKind };

const MAC_CHARS = 22; // 128 bits of base64url

export const OWNER_KEY_PURPOSE = "wharf owner proof v1";

/**
 * The proof key, derived from the at-rest key (lib/crypto.ts `derivedKey`, the same HMAC) so one secret
 * (WHARF_SECRET_KEY) is all an operator keeps; exported for the engine simulator and tests.
 */
export function deriveOwnerKey(atRestKey: Buffer): Buffer {
  return createHmac("sha256", atRestKey).update(OWNER_KEY_PURPOSE).digest();
}

function mac(key: Buffer, kind: OwnerKind, f: OwnerFields, bound: string): string {
  return createHmac("sha256", key)
    .update(["v1", kind, f.tenant, f.project, f.app, f.service, bound].join("\0"))
    .digest("base64url")
    .slice(0, MAC_CHARS);
}

export function ownerProof(key: Buffer, kind: OwnerKind, f: OwnerFields, bound: string): string {
  return `v1.${kind}.${mac(key, kind, f, bound)}`;
}

// lib/deploy/standalone.ts renames old replicas so while new ones start, and `_drain_` while they drain
// (lib/deploy/edge-switch.ts).
const MOVED_ASIDE = /_(prev|drain)_\d+$/;
const TASK_SUFFIX = /^(.+)\.[^.]+\.[^.]+$/; // <service>.<slot or node id>.<task id>

/** The name a proof of `kind` must have been made over, given the container's current name. */
function boundName(kind: OwnerKind, name: string): string | null {
  if (kind === "c") return name.replace(MOVED_ASIDE, "");
  return TASK_SUFFIX.exec(name)?.[1] ?? null;
}

/**
 * The owner a container's labels claim, when the proof in them is valid for this container's name; else null.
 * One HMAC: cheap enough for every container of a full engine list and every first event of a container.
 */
export function verifyOwner(
  key: Buffer,
  name: string,
  labels: Record<string, string> | null | undefined,
): VerifiedOwner | null {
  const proof = labels?.[OWNER_LABEL];
  if (!labels || !proof) return null;
  const [version, kind, given] = proof.split(".");
  if (version !== "v1" || (kind !== "c" && kind !== "t") || !given || given.length !== MAC_CHARS) return null;
  const f: OwnerFields = {
    tenant: labels[WHARF_LABELS.tenant] ?? "",
    project: labels[WHARF_LABELS.project] ?? "",
    app: labels[WHARF_LABELS.app] ?? "",
    service: labels[WHARF_LABELS.service] ?? "",
  };
  if (!f.tenant || !f.project || !f.app) return null;
  const bound = boundName(kind, name.replace(/^\//, ""));
  if (bound === null) return null;
  const ok = timingSafeEqual(Buffer.from(given), Buffer.from(mac(key, kind, f, bound)));
  return ok ? { ...f, kind } : null;
}
