import "server-only";
// The server side of lib/docker/owner-proof.ts: stamp proofs on what Wharf creates, and read the scoping labels of
// what the engines report only when their proof holds.
import { derivedKey } from "@/lib/crypto";
import { OWNER_LABEL } from "@/lib/docker/labels";
import {
  OWNER_KEY_PURPOSE,
  ownerProof,
  verifyOwner,
  type OwnerFields,
  type OwnerKind,
  type VerifiedOwner,
} from "@/lib/docker/owner-proof";

let key: Buffer | undefined;
const ownerProofKey = () => (key ??= derivedKey(OWNER_KEY_PURPOSE));

export function containerOwner(
  name: string,
  labels: Record<string, string> | null | undefined,
): VerifiedOwner | null {
  return verifyOwner(ownerProofKey(), name, labels);
}

/**
 * The container's `wharf.*` labels when its ownership proof holds (the proof itself left out: it is unique per
 * container and the fleet keeps labels for 100,000 of them), else none: an unproved container belongs to no tenant.
 */
export function ownedWharfLabels(
  name: string,
  labels: Record<string, string> | null | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!labels || !containerOwner(name, labels)) return out;
  for (const k in labels) if (k.startsWith("wharf.") && k !== OWNER_LABEL) out[k] = labels[k];
  return out;
}

/** The proof label for a container Wharf creates (`c`, bound to its name) or a service's tasks (`t`, to the service's). */
export function ownerLabel(kind: OwnerKind, f: OwnerFields, bound: string): Record<string, string> {
  return { [OWNER_LABEL]: ownerProof(ownerProofKey(), kind, f, bound) };
}
