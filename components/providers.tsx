"use client";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { Toaster, toast } from "sonner";
import { ClientApiError, toSignIn } from "@/lib/client/api";

/** A 401 anywhere means the session is gone (signed out, expired, or the user was disabled): back to sign-in. */
function onError(error: Error) {
  if (error instanceof ClientApiError && error.status === 401) return toSignIn(error.code);
  toast.error(error.message);
}

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError }),
        // Forms that show field errors inline mark their mutations `meta: { silent: true }`.
        mutationCache: new MutationCache({
          onError: (error, _v, _c, mutation) =>
            mutation.meta?.silent && !(error instanceof ClientApiError && error.status === 401)
              ? undefined
              : onError(error),
        }),
        defaultOptions: {
          queries: {
            staleTime: 10_000,
            retry: (n, e) => !(e instanceof ClientApiError && e.status < 500) && n < 2,
          },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      {children}
      {/* Every toast (success, warning, error) is announced politely; role=status names the region for tests and AT. */}
      <div role="status" aria-live="polite" aria-atomic="false">
        <Toaster richColors position="bottom-right" />
      </div>
    </QueryClientProvider>
  );
}
