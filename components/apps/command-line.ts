// The image form's command field: one line the developer types ↔ the argv the API stores. Shell-like but
// minimal: spaces split words, "…" and '…' keep spaces (and may sit inside a word: --opt="a b"), and inside
// double quotes \" and \\ stand for " and \. Nothing else is special, so a stored argv always comes back as
// a line that splits into the same argv (a command like sh -c "echo hi" survives a prefill).

/** `sh -c "echo hi"` → ["sh", "-c", "echo hi"]. An unclosed quote runs to the end of the line. */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (/\s/.test(c)) {
      if (word !== null) out.push(word);
      word = null;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      const stop = end < 0 ? line.length : end;
      word = (word ?? "") + line.slice(i + 1, stop);
      i = stop;
    } else if (c === '"') {
      word = word ?? "";
      for (i++; i < line.length && line[i] !== '"'; i++) {
        const escaped = line[i] === "\\" && (line[i + 1] === '"' || line[i + 1] === "\\");
        if (escaped) i++;
        word += line[i];
      }
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== null) out.push(word);
  return out;
}

/** One argv word as the developer would type it: bare when it can be, else double-quoted. */
function quoteWord(word: string): string {
  if (/^[^\s"']+$/.test(word)) return word;
  return `"${word.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** ["sh", "-c", "echo hi"] → `sh -c "echo hi"`: the inverse of splitCommandLine. */
export function joinCommandLine(argv: readonly string[]): string {
  return argv.map(quoteWord).join(" ");
}
