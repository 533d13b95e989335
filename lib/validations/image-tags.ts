// Image names: what a user types ("web:1.0") and the local name the engine gets, scoped so tenants never
// overwrite each other's images. Pure: the build form shows the scoped name with the same rule the server applies.

/** `web:1.0` → repo `web`, tag `1.0`; no tag → `latest`. */
export function splitTag(name: string): { repo: string; tag: string } {
  const i = name.lastIndexOf(":");
  return i > name.lastIndexOf("/") && i > 0
    ? { repo: name.slice(0, i), tag: name.slice(i + 1) }
    : { repo: name, tag: "latest" };
}

/** `web:1.0` in tenant acme, project shop → `wharf/acme/shop/web:1.0`. */
export function scopedTag(tenantSlug: string, projectSlug: string, name: string): string {
  const { repo, tag } = splitTag(name);
  return `wharf/${tenantSlug}/${projectSlug}/${repo}:${tag}`;
}

/** `web` pushed to `registry.example.com` → `registry.example.com/web:latest`. */
export function pushedName(registryHost: string, name: string): string {
  const { repo, tag } = splitTag(name);
  return `${registryHost}/${repo}:${tag}`;
}

/** The names a build's tags are pushed as: the typed tags, or `<project>:b-<suffix>` when there are none. */
export function buildTagNames(projectSlug: string, tags: readonly string[], suffix: string): string[] {
  return tags.length ? [...tags] : [`${projectSlug}:b-${suffix}`];
}

/** `wharf/acme/shop/web:1.0` → `web:1.0`: the name as the developer typed it (other names unchanged). */
export function unscopedTag(tag: string): string {
  return tag.replace(/^wharf\/[^/]+\/[^/]+\//, "");
}

/** The registry part of an image reference ("docker.io" when there is none), as the engine decides it. */
export function registryHostOf(ref: string): string {
  const first = ref.split("/")[0];
  if (ref.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost"))
    return first.toLowerCase();
  return "docker.io";
}
