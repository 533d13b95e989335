import "server-only";
import { forbidden, notFound, TenantRefusal } from "@/lib/api/errors";
import { isAdmin, seesEverything, type Actor } from "@/lib/auth/actor";
import type { HostConnection } from "@/lib/docker/client";
import { hostConnection } from "@/lib/docker/host-connection";
import { TENANT_LABEL } from "@/lib/docker/labels";
import { locateContainer } from "@/lib/fleet/locate";
import { canSeeContainer } from "@/lib/fleet/scope";
import { viewerScope } from "@/lib/fleet/viewer-scope";
import { roleAtLeast } from "@/lib/validations/roles";

export type ContainerNeed = "read" | "operate" | "exec";

export type AccessibleContainer = {
  hostId: string;
  id: string;
  name: string;
  labels: Record<string, string>;
  tenantId: string | null;
  host: HostConnection;
  /** What this actor may do here (the UI hides buttons it may not use; the server checks again). */
  can: { operate: boolean; exec: boolean };
};

/** Admin and ops do everything; a tenant member needs developer (or owner) in the container's tenant. */
function mayChange(actor: Actor, tenantId: string | null): boolean {
  if (isAdmin(actor) || seesEverything(actor)) return true;
  return !!tenantId && roleAtLeast(actor.memberships.get(tenantId), "developer");
}

/**
 * The one gate for every container URL, log, stats, exec and WebSocket path: locate the container,
 * apply the fleet scoping rule, and answer 404 when it is not visible — exactly as for a missing id —
 * so a raw id from another tenant reveals nothing. Visible but not allowed to change: 403.
 */
export async function loadContainerFor(
  actor: Actor,
  idOrName: string,
  need: ContainerNeed,
): Promise<AccessibleContainer> {
  const located = await locateContainer(idOrName);
  if (!located) throw notFound("Container");
  const scope = await viewerScope(actor);
  const tenantId = located.labels[TENANT_LABEL] ?? null;
  if (!canSeeContainer(scope, located))
    throw tenantId ? new TenantRefusal(notFound("Container"), tenantId) : notFound("Container");
  const may = mayChange(actor, tenantId);
  if (need !== "read" && !may) {
    throw forbidden(
      need === "exec"
        ? "Your role cannot open a console in this container; it needs developer or above"
        : "Your role cannot change this container; it needs developer or above",
    );
  }
  return {
    ...located,
    tenantId,
    host: await hostConnection(located.hostId),
    can: { operate: may, exec: may },
  };
}
