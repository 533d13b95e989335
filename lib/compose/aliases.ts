// YAML aliases resolved once, in document order, before toJS. The yaml library resolves each alias by
// searching the whole document again, which made a 200-service file with `<<: *defaults` take seconds;
// here every alias is replaced by the node its anchor names, and the expanded size is counted (memoized)
// so an alias bomb ("billion laughs") is refused before anything is expanded.
import { isAlias, isDocument, isMap, isPair, isSeq, visit, type Document, type Node } from "yaml";

export const MAX_EXPANDED_NODES = 200_000;

export function inlineAliases(doc: Document, maxNodes = MAX_EXPANDED_NODES): string | null {
  const anchors = new Map<string, Node>();
  const swaps: (() => void)[] = [];
  visit(doc, {
    Node(_key, node) {
      if (!isAlias(node) && node.anchor) anchors.set(node.anchor, node);
    },
    Alias(key, node, path) {
      const target = anchors.get(node.source);
      if (!target) return; // the parser already reports an unknown alias
      const parent = path[path.length - 1];
      swaps.push(() => {
        if (isPair(parent)) parent[key === "key" ? "key" : "value"] = target;
        else if ((isSeq(parent) || isMap(parent)) && typeof key === "number") parent.items[key] = target;
        else if (isDocument(parent)) parent.contents = target;
      });
    },
  });
  for (const swap of swaps) swap();

  // Expanded size of the value, counting a shared node every time it appears; a node inside itself is a cycle.
  const memo = new Map<unknown, number>();
  const size = (n: unknown): number => {
    const known = memo.get(n);
    if (known !== undefined) return known;
    memo.set(n, Infinity); // visiting: meeting it again means a cycle
    let s = 1;
    if (isMap(n) || isSeq(n))
      for (const item of n.items) {
        s += isPair(item) ? size(item.key) + size(item.value) : size(item);
        if (s > maxNodes) break;
      }
    memo.set(n, s);
    return s;
  };
  const total = size(doc.contents);
  if (total === Infinity) return "an alias refers to the node it is in (a cycle)";
  if (total > maxNodes) return `aliases expand to more than ${maxNodes} values (an alias bomb?)`;
  return null;
}
