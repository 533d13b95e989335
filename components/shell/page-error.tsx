"use client";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * A script chunk that failed to load: the browser's network changed mid-load (Chromium aborts requests in flight
 * when an interface appears, as a Docker bridge does on this host), or Wharf was upgraded and the chunk renamed.
 */
export const isChunkLoadError = (error: Error) =>
  error.name === "ChunkLoadError" || /Loading chunk [\w-]+ failed/.test(error.message);

/** What a page that threw shows. A failed chunk load reloads the page (the boot script's rule: once in 30 s). */
export function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const chunk = isChunkLoadError(error);
  useEffect(() => {
    if (chunk) window.__wharfReloadOnce?.();
  }, [chunk]);
  return (
    <main role="alert" className="mx-auto max-w-xl p-6">
      <EmptyState
        title={chunk ? "Part of this page did not load" : "This page hit an error"}
        action={
          <Button variant="secondary" onClick={() => (chunk ? window.location.reload() : reset())}>
            Try again
          </Button>
        }
      >
        {chunk
          ? "The connection changed while it loaded. Reloading the page fetches it again."
          : `Nothing was changed by it.${error.digest ? ` Reference for the server log: ${error.digest}.` : ""}`}
      </EmptyState>
    </main>
  );
}
