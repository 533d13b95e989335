// One computation's engine reads, each made once however many routes need it (lib/edge/routes.ts,
// lib/edge/swarm-upstreams.ts): the first caller's promise is kept under its key and shared.

export function readOnce<T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) cache.set(key, (p = read()));
  return p;
}
