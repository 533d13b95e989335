// Drops services' build: keys where an image is named too (compose deploys refuse relative build: paths; the
// examples keep it so `docker-compose build` works on them). Cuts the lines out of the text, so
// comments and formatting stay as written. Pure: the sample route, tests and the benchmark share it.
import { isMap, isNode, isScalar, parseDocument } from "yaml";

export function stripBuildKeys(text: string): string {
  const doc = parseDocument(text);
  const services = doc.get("services");
  if (!isMap(services)) return text;
  const cuts: [number, number][] = [];
  for (const item of services.items) {
    if (!isMap(item.value) || !item.value.has("image")) continue;
    const pair = item.value.items.find((p) => isScalar(p.key) && p.key.value === "build");
    const start = isNode(pair?.key) ? pair.key.range?.[0] : undefined;
    const end = isNode(pair?.value) ? pair.value.range?.[2] : undefined;
    if (start === undefined || end === undefined) continue;
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    const nl = text.indexOf("\n", Math.max(end - 1, start));
    cuts.push([lineStart, nl === -1 ? text.length : nl + 1]);
  }
  for (const [a, b] of cuts.sort((x, y) => y[0] - x[0])) text = text.slice(0, a) + text.slice(b);
  return text;
}
