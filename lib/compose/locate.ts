// Maps a path in the parsed value back to a 1-based line in the YAML text,
// using node ranges and a LineCounter. Falls back to the nearest ancestor
// that exists in the document (e.g. for keys that only arrive via `<<` merges).
import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type Pair } from "yaml";
import type { PathSeg } from "./path";

function lineOf(node: unknown, lc: LineCounter): number | undefined {
  const range = isNode(node) ? node.range : undefined;
  return range ? lc.linePos(range[0]).line : undefined;
}

function deref(node: unknown, doc: Document): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** Find a map pair by key, looking through `<<` merge sources too. */
function findPair(map: unknown, key: string, doc: Document, depth = 0): Pair | undefined {
  if (!isMap(map) || depth > 5) return undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return pair;
  }
  for (const pair of map.items) {
    if (!isScalar(pair.key) || pair.key.value !== "<<") continue;
    const value = deref(pair.value, doc);
    const sources = isSeq(value) ? value.items.map((s) => deref(s, doc)) : [value];
    for (const src of sources) {
      const found = findPair(src, key, doc, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Line of the node at `path`: the key's line for map entries, the item's line for list entries. */
export function locateLine(doc: Document, lc: LineCounter, path: readonly PathSeg[]): number | undefined {
  let node: unknown = doc.contents;
  let line = lineOf(node, lc);
  for (const seg of path) {
    node = deref(node, doc);
    if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg];
      line = lineOf(node, lc) ?? line;
    } else if (isMap(node)) {
      const pair = findPair(node, String(seg), doc);
      if (!pair) return line;
      line = lineOf(pair.key, lc) ?? line;
      node = pair.value;
    } else {
      return line;
    }
  }
  return line;
}
