import "server-only";
import { errorBody, rethrow, toApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { admitContainerRun } from "@/lib/deploy/container-run";
import {
  inspectContainer,
  removeContainer,
  runContainerAction,
  type ContainerAction,
} from "@/lib/docker/container-actions";
import { APP_LABEL } from "@/lib/docker/labels";
import { toContainerDetail } from "@/lib/ops/container-view";
import { oneAtATime } from "@/lib/ops/one-at-a-time";
import { loadContainerFor, type AccessibleContainer } from "@/lib/services/container-access";
import type { ContainerBulkInput, ContainerBulkView } from "@/lib/validations/ops";
import type { ContainerDetailView } from "@/lib/validations/ops-views";
import type { z } from "zod";

export async function getContainerDetail(actor: Actor, idOrName: string): Promise<ContainerDetailView> {
  const c = await loadContainerFor(actor, idOrName, "read");
  const info = await inspectContainer(c.host, c.id).catch(rethrow("Container"));
  // Who cannot open a console here cannot read the env there either: every value masked for them.
  // The app it belongs to, from its proven Wharf labels: the page links back to it.
  const appId = c.labels[APP_LABEL] ?? null;
  return { ...toContainerDetail(c.hostId, info, !c.can.exec), tenantId: c.tenantId, appId, can: c.can };
}

export async function actOnContainer(
  actor: Actor,
  idOrName: string,
  action: ContainerAction,
): Promise<AccessibleContainer> {
  const c = await loadContainerFor(actor, idOrName, "operate");
  if (action === "start" || action === "restart") await admitContainerRun(c);
  await oneAtATime(`${c.hostId}/${c.id}`, () => runContainerAction(c.host, c.id, action), action).catch(
    rethrow("Container"),
  );
  return c;
}

export async function deleteContainer(
  actor: Actor,
  idOrName: string,
  opts: { force: boolean; volumes: boolean },
): Promise<AccessibleContainer> {
  const c = await loadContainerFor(actor, idOrName, "operate");
  const tag = `remove:${opts.force}:${opts.volumes}`;
  await oneAtATime(`${c.hostId}/${c.id}`, () => removeContainer(c.host, c.id, opts), tag).catch(
    rethrow("Container"),
  );
  return c;
}

/** Whether the container was created with a TTY (its logs are then raw bytes, not multiplexed frames). */
export async function containerTty(c: AccessibleContainer): Promise<boolean> {
  const info = await inspectContainer(c.host, c.id).catch(rethrow("Container"));
  return !!info.Config.Tty;
}

/** Rows acted on at once: a stop waits up to 10 s per container, so a page's selection is not done one by one. */
const BULK_PARALLEL = 8;

/**
 * One action on several containers. Each row goes through the single action's own function (per-container
 * authorization: another tenant's container is a 404 in its row, nothing else changes) and is audited as that
 * single action would be; one row failing never stops the others. Remove forces (running ones are killed first).
 */
export async function actOnContainers(
  actor: Actor,
  { action, ids }: z.infer<typeof ContainerBulkInput>,
): Promise<ContainerBulkView> {
  const results: ContainerBulkView["results"] = new Array(ids.length);
  const one = async (i: number) => {
    const id = ids[i];
    try {
      const c =
        action === "remove"
          ? await deleteContainer(actor, id, { force: true, volumes: false })
          : await actOnContainer(actor, id, action);
      results[i] = { id: c.id, ok: true, status: action === "remove" ? 204 : 200, name: c.name };
      await recordAudit({
        action: `container.${action}`,
        outcome: "success",
        actor,
        tenantId: c.tenantId,
        targetType: "container",
        targetId: c.id,
        detail: { name: c.name, hostId: c.hostId, bulk: true },
      });
    } catch (err) {
      const e = toApiError(err);
      results[i] = { id, ok: false, status: e.status, error: errorBody(e).error };
      await recordAudit({
        action: `container.${action}`,
        outcome: e.status === 403 ? "denied" : "failure",
        actor,
        targetType: "container",
        targetId: id,
        detail: { bulk: true, status: e.status, error: e.message },
      });
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < ids.length) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.min(BULK_PARALLEL, ids.length) }, worker));
  return { action, results };
}
