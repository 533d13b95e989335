import { toast } from "sonner";
import { api, ClientApiError, toSignIn } from "@/lib/client/api";
import type { QueryClient } from "@tanstack/react-query";

/**
 * A live stream ended with a `revoked` frame (the user's access changed). Signed out (disabled, password reset,
 * session ended): to the sign-in page, which says why. Still signed in (a role or membership changed): say what
 * changed, and refetch what is shown with the new rights.
 */
export async function onAccessRevoked(qc: QueryClient, reason: string) {
  try {
    await api("/me");
  } catch (err) {
    if (err instanceof ClientApiError && err.status === 401) return toSignIn(err.code);
  }
  // The server's reason may end with a technical detail in parentheses; the first part is the sentence.
  const what = reason.replace(/\s*\(.*\)\s*$/, "");
  toast.warning(`Your access changed: ${what}`, { id: "access-changed", duration: 15_000 });
  await qc.invalidateQueries();
}
