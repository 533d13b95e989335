/**
 * The Prometheus text exposition format (version 0.0.4), read: one sample per line, `name{label="value",...} value
 * [timestamp]`; `#` lines (HELP, TYPE) and blank lines are skipped. prom-client writes this format but has no
 * parser, and the npm parsers are unmaintained (parse-prometheus-text-format: last release 2020); a node exporter's
 * page needs only this much. Label values unescape `\\`, `\"` and `\n` as the format defines.
 */
export type PromSample = { name: string; labels: Record<string, string>; value: number };

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/;

const unescape = (s: string) => s.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));

/** Every sample of the page; a line that is not a sample is skipped (the format says nothing else may be there). */
export function parsePromText(text: string): PromSample[] {
  const out: PromSample[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const name = NAME.exec(line)?.[0];
    if (!name) continue;
    let rest = line.slice(name.length);
    const labels: Record<string, string> = {};
    if (rest.startsWith("{")) {
      rest = rest.slice(1);
      for (let m = LABEL.exec(rest); m; m = LABEL.exec(rest)) {
        labels[m[1]] = unescape(m[2]);
        rest = rest.slice(m[0].length);
      }
      rest = rest.trimStart();
      if (!rest.startsWith("}")) continue;
      rest = rest.slice(1);
    }
    const value = parseValue(rest.trim().split(/\s+/)[0] ?? "");
    if (value !== null) out.push({ name, labels, value });
  }
  return out;
}

function parseValue(s: string): number | null {
  if (s === "+Inf") return Infinity;
  if (s === "-Inf") return -Infinity;
  if (s === "NaN") return NaN;
  const n = Number(s);
  return s !== "" && !Number.isNaN(n) ? n : null;
}
