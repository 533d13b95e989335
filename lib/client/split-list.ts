/** "a, b  c" → ["a", "b", "c"]: list fields typed as text, separated by commas or spaces. */
export const splitList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
