// Label namespaces that Docker or Wharf read meaning into. Wharf's own scoping labels (`wharf.*`, believed only
// with a proof: lib/docker/owner-proof.ts); Docker's reserved namespaces (docs.docker.com "Docker object labels":
// `com.docker.*`, `io.docker.*`, `org.dockerproject.*`), which hold e.g. `com.docker.swarm.service.id`,
// `com.docker.stack.namespace` and `com.docker.compose.*`. No user input may set them: compose labels, Dockerfile
// LABEL, or labels inherited from an image (lib/deploy/engine-spec.ts blanks those).
export const RESERVED_LABEL_PREFIXES = ["wharf.", "com.docker.", "io.docker.", "org.dockerproject."] as const;

/** The reserved prefix `key` starts with (compared case-insensitively: a look-alike is refused too), if any. */
export function reservedLabelPrefix(key: string): string | undefined {
  const k = key.trim().toLowerCase();
  return RESERVED_LABEL_PREFIXES.find((p) => k.startsWith(p));
}

export function reservedLabelMessage(key: string): string {
  const prefix = reservedLabelPrefix(key) ?? "";
  return `label "${key}" is reserved — labels starting with "${prefix}" are read by ${
    prefix === "wharf." ? "Wharf, which sets them itself" : "Docker"
  }`;
}

/**
 * What overrides an image's reserved labels on a container run from it: the engine merges image labels under the
 * container's, so each reserved key the image sets is given an empty value (the engine has no way to drop one).
 */
export function blankReservedLabels(
  imageLabels: Record<string, string> | null | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in imageLabels ?? {}) if (reservedLabelPrefix(k)) out[k] = "";
  return out;
}
