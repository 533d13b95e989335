import { dehydrate, HydrationBoundary, QueryClient, type QueryKey } from "@tanstack/react-query";
import type { PageSearchParams } from "@/lib/auth/selected-tenant";

/**
 * One list a page renders with its first HTML: the key its client hook reads (from that resource's module in
 * lib/client/hooks, never written here) and the service call its API route makes for the same actor and scope.
 * `infinite`: the hook is an infinite query; this is its first page.
 */
export type Seed = { queryKey: QueryKey; load: () => Promise<unknown>; infinite?: true };

/**
 * A seed that takes longer than this is left to the client (which asks the API as before), so a slow source (the
 * cluster's first figures on a cold cache) never holds up the page's HTML.
 */
const DEADLINE_MS = 400;

function withinDeadline<T>(load: () => Promise<T>): () => Promise<T> {
  return () =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("prefetch deadline")), DEADLINE_MS);
      load()
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    });
}

/**
 * Server-renders a page's first rows: fills a request-scoped TanStack cache with the seeds and hands it to the
 * browser's cache (`HydrationBoundary`), so the client view renders them in the HTML and does not ask again at once
 * (the 10 s staleTime; the live stream keeps patching the same keys). Without it the rows waited for the bundle,
 * hydration and a second round trip (docs/operations.md, "Page speed"). A seed that fails (a tenant the viewer may not
 * see: the service's 404) or is late is simply absent: the client then asks the API and shows its answer.
 */
export async function Prefetched({ seeds, children }: { seeds: Seed[]; children: React.ReactNode }) {
  const qc = new QueryClient();
  await Promise.all(
    seeds.map((s) =>
      s.infinite
        ? qc.prefetchInfiniteQuery({
            queryKey: s.queryKey,
            queryFn: withinDeadline(s.load),
            initialPageParam: "",
          })
        : qc.prefetchQuery({ queryKey: s.queryKey, queryFn: withinDeadline(s.load) }),
    ),
  );
  return <HydrationBoundary state={dehydrate(qc)}>{children}</HydrationBoundary>;
}

/**
 * The page's filters as the client's `useUrlFilters(keys)` reads them from the same URL (the first value of a
 * repeated parameter, "" when absent), so a seed's key is the one the view asks for.
 */
export async function pageFilters<K extends string>(
  searchParams: PageSearchParams["searchParams"],
  keys: readonly K[],
): Promise<Record<K, string>> {
  const sp = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
  return Object.fromEntries(keys.map((k) => [k, first(sp[k])])) as Record<K, string>;
}
