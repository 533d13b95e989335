import { toast } from "sonner";
import { api, ClientApiError, toSignIn } from "@/lib/client/api";
import type { QueryClient } from "@tanstack/react-query";

/** Whether the session is gone; if so, off to the sign-in page, which says why (the 401's code). */
async function signedOut(): Promise<boolean> {
  try {
    await api("/me");
    return false;
  } catch (err) {
    if (!(err instanceof ClientApiError) || err.status !== 401) return false;
    toSignIn(err.code);
    return true;
  }
}

/**
 * A live stream ended with a `revoked` frame (the user's access changed). Signed out (disabled, password reset,
 * session ended): to the sign-in page, which says why. Still signed in (a role or membership changed): say what
 * changed, and refetch what is shown with the new rights.
 */
export async function onAccessRevoked(qc: QueryClient, reason: string) {
  if (await signedOut()) return;
  // The server's reason may end with a technical detail in parentheses; the first part is the sentence.
  const what = reason.replace(/\s*\(.*\)\s*$/, "");
  toast.warning(`Your access changed: ${what}`, { id: "access-changed", duration: 15_000 });
  await qc.invalidateQueries();
}

/**
 * The server refused to (re)open a live stream (EventSource gives up on any answer but 200): when that is because
 * the session ended while the stream was away (between a revocation and the reconnect), go and say why.
 */
export const onStreamRefused = () => void signedOut();
