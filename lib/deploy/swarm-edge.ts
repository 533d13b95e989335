import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { conflict } from "@/lib/api/errors";
import { inspectService, listServiceTasks } from "@/lib/docker/services";
import { requestEdgeSync } from "@/lib/edge/sync";
import type Docker from "dockerode";

// Redeploys and scaling of a routed Swarm service without a failed request (docs/edge.md "Swarm: redeploys and
// scaling"). Swarm, not Wharf, stops the old tasks: on a start-first update as soon as a new task runs (healthy,
// with a health check), on a scale-down at once. Before it sends SIGTERM the engine takes the task out of its
// service binding and waits ~2 s (a task on an overlay network, which every Wharf Swarm service is); the edge
// must drop it within that window. So while Wharf's own service update runs, the edge follows the tasks every
// FOLLOW_MS (a task whose desired state is `shutdown` leaves; a new one joins once its port answers), instead of
// waiting for the container events that come only once the task is already stopping.

const FOLLOW_MS = 250;

/** Runs `work` (a service update and the wait for it) with the edge following the tasks, when routed. */
export async function followingEdge<T>(routed: boolean, work: () => Promise<T>): Promise<T> {
  if (!routed) return work();
  let done = false;
  const loop = (async () => {
    while (!done) {
      await requestEdgeSync();
      await sleep(FOLLOW_MS);
    }
  })();
  try {
    return await work();
  } finally {
    done = true;
    await loop;
    await requestEdgeSync();
  }
}

/** How long a routed Swarm stop or restart may take to settle before the call says so (Swarm goes on). */
const SETTLE_MS = 120_000;
const STUCK = new Set(["paused", "rollback_started", "rollback_paused", "rollback_completed"]);

/**
 * Waits, under followingEdge, until Swarm has done a stop or a restart of a routed service (lib/deploy/lifecycle.ts):
 * `force` given (a restart, the service's new ForceUpdate), every running task is a new one and none older runs;
 * none (a stop), no task runs. A paused or rolled back update, or the deadline, is a 409 saying what is left.
 */
export async function swarmSettled(docker: Docker, serviceId: string, force: number | null): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    const tasks = await listServiceTasks(docker, serviceId);
    const running = tasks.filter((k) => k.state === "running");
    const done =
      force === null
        ? running.length === 0
        : running.every((k) => k.forceUpdate === force) &&
          tasks
            .filter((k) => k.forceUpdate === force && k.desiredState === "running")
            .every((k) => k.state === "running");
    if (done) return;
    const s = await inspectService(docker, serviceId); // the update's state (reset by our change)
    if (force !== null && s.updateState && STUCK.has(s.updateState))
      throw conflict(`Swarm ${s.updateState.replace("_", " ")} the restart: ${s.updateMessage}`);
    if (Date.now() > deadline)
      throw conflict(
        `Swarm has not finished after ${SETTLE_MS / 1000} s (${running.length} task(s) still running); it goes on`,
      );
    await sleep(FOLLOW_MS);
  }
}
