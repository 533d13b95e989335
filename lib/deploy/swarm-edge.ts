import "server-only";
import { requestEdgeSync } from "@/lib/edge/sync";
import { sleep } from "./errors";

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
