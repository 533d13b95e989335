import { withAuth } from "@/lib/api/with-auth";
import { ApiError } from "@/lib/api/errors";
import { loadContainerFor } from "@/lib/services/container-access";

/**
 * The console is a WebSocket on this same path, handled by the upgrade hook (lib/ops/exec-bridge.ts).
 * A plain GET lands here: after the same access checks it answers 426 saying how to connect.
 */
export const GET = withAuth(async ({ actor, params }) => {
  await loadContainerFor(actor, params.id, "exec");
  throw new ApiError(426, "upgrade_required", "Open this path as a WebSocket (ws:// or wss://) with the session cookie from this origin");
});
