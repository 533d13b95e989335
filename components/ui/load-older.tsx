import { Button } from "./button";

/** The next page of an infinite list (TanStack's `useInfiniteQuery`), when there is one: the audit log, the timeline. */
export function LoadOlder({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  if (!query.hasNextPage) return null;
  return (
    <div className="mt-4 flex justify-center">
      <Button variant="secondary" busy={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
        Load older events
      </Button>
    </div>
  );
}
