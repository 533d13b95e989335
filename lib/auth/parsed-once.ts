/**
 * `parse`, remembered by its input text: the auth lookup parses the same memberships and scopes columns on every
 * request. Keyed by the text itself, so a changed row is parsed afresh (nothing goes stale); a parse that throws is
 * not remembered. Cleared when it holds `max` texts.
 */
export function parsedOnce<T>(parse: (text: string) => T, max = 1_000): (text: string) => T {
  const seen = new Map<string, { value: T }>();
  return (text) => {
    const hit = seen.get(text);
    if (hit) return hit.value;
    const value = parse(text);
    if (seen.size >= max) seen.clear();
    seen.set(text, { value });
    return value;
  };
}
