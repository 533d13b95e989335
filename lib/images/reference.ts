// Reference shapes that only ever name something already on the engine: they can never be pulled,
// so a tenant may use them only when the image they resolve to is its own or shared.

/** `sha256:<id>`, a bare (possibly short) hex id, or a name in Wharf's local build namespace (`wharf/…`). */
export function isLocalOnlyReference(ref: string): boolean {
  const r = ref.trim().toLowerCase();
  return r.startsWith("sha256:") || /^[0-9a-f]{6,64}$/.test(r) || r.startsWith("wharf/");
}

/** `redis` → `redis:latest`; names with a tag or a digest are kept as written (whitespace trimmed). */
export function withDefaultTag(ref: string): string {
  const r = ref.trim();
  if (r.includes("@")) return r;
  const last = r.split("/").pop() ?? r;
  return last.includes(":") ? r : `${r}:latest`;
}
