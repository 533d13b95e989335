import "server-only";
import { ApiError, conflict, notFound } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { admitContainerRun } from "@/lib/deploy/container-run";
import {
  engineMessage,
  engineStatus,
  inspectContainer,
  removeContainer,
  runContainerAction,
  type ContainerAction,
} from "@/lib/docker/container-actions";
import { toContainerDetail } from "@/lib/ops/container-view";
import { loadContainerFor, type AccessibleContainer } from "@/lib/services/container-access";

/** Engine refusals become the caller's error with the engine's reason; a vanished container is a 404. */
export function toEngineApiError(err: unknown): unknown {
  const status = engineStatus(err);
  if (status === 404) return notFound("Container");
  if (status === 409) return conflict(engineMessage(err));
  if (status && status >= 400 && status < 500) return new ApiError(422, "invalid", engineMessage(err));
  return err;
}

export async function getContainerDetail(actor: Actor, idOrName: string) {
  const c = await loadContainerFor(actor, idOrName, "read");
  const info = await inspectContainer(c.host, c.id).catch((e) => Promise.reject(toEngineApiError(e)));
  // Who cannot open a console here cannot read the env there either: every value masked for them.
  return { ...toContainerDetail(c.hostId, info, !c.can.exec), tenantId: c.tenantId, can: c.can };
}

export async function actOnContainer(
  actor: Actor,
  idOrName: string,
  action: ContainerAction,
): Promise<AccessibleContainer> {
  const c = await loadContainerFor(actor, idOrName, "operate");
  if (action === "start" || action === "restart") await admitContainerRun(c);
  await runContainerAction(c.host, c.id, action).catch((e) => Promise.reject(toEngineApiError(e)));
  return c;
}

export async function deleteContainer(
  actor: Actor,
  idOrName: string,
  opts: { force: boolean; volumes: boolean },
): Promise<AccessibleContainer> {
  const c = await loadContainerFor(actor, idOrName, "operate");
  await removeContainer(c.host, c.id, opts).catch((e) => Promise.reject(toEngineApiError(e)));
  return c;
}

/** Whether the container was created with a TTY (its logs are then raw bytes, not multiplexed frames). */
export async function containerTty(c: AccessibleContainer): Promise<boolean> {
  const info = await inspectContainer(c.host, c.id).catch((e) => Promise.reject(toEngineApiError(e)));
  return !!info.Config.Tty;
}
