// The operations of the served OpenAPI document, as the integration tests replay them. A path item may carry
// `servers` (GET /metrics is served at the root, not under /api/v1): that key is not a method, and it moves the
// operation's base.

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"]);

export type DocumentOperation<T> = {
  /** Lower case, as the document writes it. */
  method: string;
  path: string;
  /** Where the path is served: "/api/v1", or "" for a root operation. */
  base: string;
  op: T;
};

type PathItem = Record<string, unknown> & { servers?: { url: string }[] };

export function documentOperations<T = unknown>(doc: {
  paths: Record<string, PathItem>;
}): DocumentOperation<T>[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => {
    const base = (item.servers?.[0]?.url ?? "/api/v1").replace(/\/$/, "");
    return Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => ({ method, path, base, op: op as T }));
  });
}
