import { type QueryKey, queryOptions } from "@tanstack/react-query";
import { apiItems } from "@/lib/client/api";

/**
 * A list endpoint's query under the module's key: `useQuery(itemsQuery<XView>(xKeys.list(t), path))`, spread where
 * the list adds options (a refresh interval). No "use client": server pages seed the same key (Prefetched).
 */
export const itemsQuery = <V>(queryKey: QueryKey, path: string) =>
  queryOptions({ queryKey, queryFn: () => apiItems<V>(path) });
