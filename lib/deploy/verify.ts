import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { ServiceSpec } from "@/lib/compose/spec";
import { readContainerHealth } from "@/lib/docker/deploy-containers";
import { engineMessage } from "@/lib/docker/engine-error";
import { DeployError } from "./errors";
import type Docker from "dockerode";

/** A container without a health check counts as up once it has kept running this long. */
export const STABLE_MS = 1_000;
const POLL_MS = 300;
const MAX_WAIT_MS = 300_000;

/** How long a health check may take to pass: start period plus every retry, with slack. */
export function healthDeadlineMs(svc: ServiceSpec): number {
  const h = svc.healthcheck;
  if (!h || "disabled" in h) return 120_000;
  return Math.min(MAX_WAIT_MS, h.startPeriodMs + (h.intervalMs + h.timeoutMs) * (h.retries + 1) + 10_000);
}

/** Waits until a replica is up (healthy when it has a health check); throws what went wrong. */
export async function waitReplicaReady(
  docker: Docker,
  service: string,
  svc: ServiceSpec,
  id: string,
  name: string,
): Promise<void> {
  const deadline = Date.now() + healthDeadlineMs(svc);
  let runningSince = 0;
  for (;;) {
    let h;
    try {
      h = await readContainerHealth(docker, id);
    } catch (err) {
      throw new DeployError(`${service}: container ${name} disappeared (${engineMessage(err)})`, service);
    }
    if (h.status === "exited" || h.status === "dead" || h.restartCount > 0 || h.status === "restarting") {
      const why = h.error ? `: ${h.error}` : "";
      throw new DeployError(`${service}: container ${name} exited with code ${h.exitCode}${why}`, service);
    }
    if (h.health === "unhealthy")
      throw new DeployError(
        `${service}: health check failed on ${name}${h.lastHealthOutput ? `: ${h.lastHealthOutput}` : ""}`,
        service,
      );
    if (h.health === "healthy") return;
    if (h.running && h.health === null) {
      runningSince ||= Date.now();
      if (Date.now() - runningSince >= STABLE_MS) return;
    }
    if (Date.now() > deadline) {
      const detail =
        h.health === "starting"
          ? `still "starting" after ${Math.round(healthDeadlineMs(svc) / 1000)} s${h.lastHealthOutput ? ` (last check: ${h.lastHealthOutput})` : ""}`
          : `state ${h.status}`;
      throw new DeployError(`${service}: container ${name} did not become ready: ${detail}`, service);
    }
    await sleep(POLL_MS);
  }
}

/** depends_on: waits until every replica of a dependency meets the condition. */
export async function waitDependency(
  docker: Docker,
  dependant: string,
  dep: string,
  condition: string,
  ids: string[],
  deadlineMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const states = await Promise.all(ids.map((id) => readContainerHealth(docker, id).catch(() => null)));
    const ok = states.every((s) => {
      if (!s) return false;
      if (condition === "service_completed_successfully") return s.status === "exited" && s.exitCode === 0;
      if (condition === "service_healthy") return s.running && (s.health === null || s.health === "healthy");
      return s.running;
    });
    if (ok) return;
    const exited = states.find(
      (s) => s && s.status === "exited" && condition !== "service_completed_successfully",
    );
    if (exited || Date.now() > deadline) {
      throw new DeployError(
        `${dependant}: dependency ${dep} is not ${condition.replace("service_", "")}`,
        dependant,
      );
    }
    await sleep(POLL_MS);
  }
}
