/**
 * A Dockerfile's logical lines, as the engine's parser sees them: continued lines (the escape character,
 * `\` or the one a `# escape=` directive names, at the end of a line) joined, comment lines dropped (also
 * inside a continuation), each numbered by the line it starts on (`line`) and ends on (`end`). Pure; shared by the Dockerfile checks.
 */
export type LogicalLine = { text: string; line: number; end: number };

/** Joins continued lines (escape char at the end) and drops comments, as the Dockerfile parser does. */
export function logicalLines(text: string): LogicalLine[] {
  const raw = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let escape = "\\";
  // Parser directives come first, before any instruction or blank line.
  for (const l of raw) {
    const d = /^#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(l);
    if (!d) break;
    if (d[1].toLowerCase() === "escape" && (d[2] === "`" || d[2] === "\\")) escape = d[2];
  }
  const out: LogicalLine[] = [];
  let current: LogicalLine | null = null;
  raw.forEach((l, i) => {
    const trimmed = l.trim();
    if (current && (trimmed.startsWith("#") || trimmed === "")) return; // comments inside a continuation
    if (!current && trimmed.startsWith("#")) return;
    const continues = trimmed.endsWith(escape);
    const piece = continues ? trimmed.slice(0, -1) : trimmed;
    current = current
      ? { ...current, text: `${current.text} ${piece}`, end: i + 1 }
      : { text: piece, line: i + 1, end: i + 1 };
    if (!continues) {
      out.push(current);
      current = null;
    }
  });
  if (current) out.push(current);
  return out;
}
