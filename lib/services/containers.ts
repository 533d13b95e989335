import "server-only";
import { rethrow } from "@/lib/api/errors";
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

export async function getContainerDetail(actor: Actor, idOrName: string) {
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
