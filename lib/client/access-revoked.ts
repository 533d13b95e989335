import { toast } from "sonner";
import { api, ClientApiError, toSignIn } from "@/lib/client/api";
import { accessReason, type StreamAccess } from "@/lib/validations/fleet-views";
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
 * What changed between the rights of two `hello`s, in the words of the server's `revoked` frame, or null when
 * nothing did. A stream that was reconnecting when the change happened never gets that frame: this tells it instead.
 */
export function accessChange(before: StreamAccess, after: StreamAccess): string | null {
  if (before.userId !== after.userId) return null; // someone else signed in on this page
  if (before.globalRole !== after.globalRole) return `your role changed to ${after.globalRole}`;
  for (const [tenant, role] of Object.entries(before.memberships)) {
    const now = after.memberships[tenant];
    if (!now) return accessReason.membershipRemoved;
    if (now !== role) return accessReason.roleChanged(now);
  }
  const added = Object.keys(after.memberships).some((tenant) => !before.memberships[tenant]);
  return added ? "you were added to a tenant" : null;
}

/**
 * The server refused to (re)open a live stream (EventSource gives up on any answer but 200): when that is because
 * the session ended while the stream was away (between a revocation and the reconnect), go and say why.
 */
export const onStreamRefused = () => void signedOut();
