// Dockerfile LABEL (and ONBUILD LABEL) instructions that would set a reserved label (lib/compose/reserved-labels.ts).
// Refused before the build starts: in a classic build every step container carries the labels of the LABEL
// instructions above it, and the image keeps them. Keys must be written literally: a `$` could expand into anything.
import { reservedLabelMessage, reservedLabelPrefix } from "@/lib/compose/reserved-labels";
import { logicalLines } from "@/lib/policy/dockerfile-lines";

export type LabelRefusal = { line: number; key: string; reason: string };

/** Splits on unquoted whitespace; returns each word with quotes removed and where its first unquoted "=" was. */
function words(s: string): { text: string; eq: number }[] {
  const out: { text: string; eq: number }[] = [];
  let text = "";
  let eq = -1;
  let quote = "";
  let started = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = "";
      else if (ch === "\\" && quote === '"' && i + 1 < s.length) text += s[++i];
      else text += ch;
    } else if (/\s/.test(ch)) {
      if (started) out.push({ text, eq });
      text = "";
      eq = -1;
      started = false;
      continue;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "\\" && i + 1 < s.length) text += s[++i];
    else {
      if (ch === "=" && eq < 0) eq = text.length;
      text += ch;
    }
    started = true;
  }
  if (started) out.push({ text, eq });
  return out;
}

function labelKeys(args: string): string[] {
  const ws = words(args);
  if (ws.length === 0) return [];
  if (ws[0].eq < 0) return [ws[0].text]; // legacy form: LABEL key value with spaces
  return ws.map((w) => (w.eq < 0 ? w.text : w.text.slice(0, w.eq)));
}

export function reservedDockerfileLabels(dockerfile: string): LabelRefusal[] {
  const out: LabelRefusal[] = [];
  for (const { line, text } of logicalLines(dockerfile)) {
    let m = /^\s*(\S+)\s*(.*)$/s.exec(text);
    if (m && m[1].toUpperCase() === "ONBUILD") m = /^\s*(\S+)\s*(.*)$/s.exec(m[2]);
    if (!m || m[1].toUpperCase() !== "LABEL") continue;
    for (const key of labelKeys(m[2])) {
      if (key.includes("$"))
        out.push({
          line,
          key,
          reason: `label "${key}": label names must be written literally, without $variables`,
        });
      else if (reservedLabelPrefix(key)) out.push({ line, key, reason: reservedLabelMessage(key) });
    }
  }
  return out;
}
