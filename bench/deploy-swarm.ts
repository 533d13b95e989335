// bench:deploy, third row: the voting app's stack file on the three-node Swarm of
// scripts/services/swarm-multi.sh (brought up here unless it runs, and then taken down again) —
// Wharf's POST /apps/{id}/deploy (returns once every task of every service runs, healthy where it has a
// health check) against `docker stack deploy` (returns at once; timed also until the same convergence).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { stripBuildKeys } from "../lib/deploy/strip-build";
import { downCluster, upCluster } from "../tests/swarm/cluster";
import type { ApiClient } from "../tests/helpers/api-client";
import type Docker from "dockerode";

const run = promisify(execFile);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
type Must = <T>(res: Promise<{ status: number; body: T }>, what: string) => Promise<T>;

type RawTask = { DesiredState: string; Status: { State: string } };
type RawService = { ID: string; Spec?: { Mode?: { Global?: object; Replicated?: { Replicas?: number } } } };

/** Every service of the label's set has all its tasks running (a global one: one per node). */
async function converged(manager: Docker, label: string, nodes: number, services: number): Promise<boolean> {
  const list = (await manager.listServices({ filters: { label: [label] } })) as RawService[];
  if (list.length !== services) return false;
  for (const s of list) {
    const want = s.Spec?.Mode?.Global ? nodes : (s.Spec?.Mode?.Replicated?.Replicas ?? 0);
    const tasks = (await manager.listTasks({ filters: { service: [s.ID] } })) as RawTask[];
    if (tasks.filter((k) => k.DesiredState === "running" && k.Status.State === "running").length !== want)
      return false;
  }
  return true;
}

/** Task containers linger after their services go; the next round publishes the same ports. */
async function drained(engines: Docker[], label: string) {
  for (let i = 0; i < 240; i++) {
    const left = await Promise.all(
      engines.map((e) => e.listContainers({ all: true, filters: { label: [label] } })),
    );
    if (left.every((l) => l.length === 0)) return;
    await sleep(250);
  }
}

/** A tenant with room for every round, granted `host` beside the tenants it has, and a project of its own. */
export async function benchProject(
  admin: ApiClient,
  must: Must,
  host: { id: string; tenantIds: string[] },
  tenantName: string,
  projectName: string,
): Promise<{ id: string }> {
  const tenant = await must(
    admin.post("/tenants", { name: tenantName, maxContainers: 500, maxMemoryMb: 1_000_000, maxCpus: 1000 }),
    "tenant",
  );
  await must(admin.put(`/hosts/${host.id}/grants`, { tenantIds: [...host.tenantIds, tenant.id] }), "grant");
  return must(admin.post("/projects", { tenantId: tenant.id, name: projectName }), "project");
}

export async function benchSwarmVoting(admin: ApiClient, must: Must, rounds: number, stamp: string) {
  const c = upCluster();
  const stack = stripBuildKeys(fs.readFileSync("examples/voting-app/docker-stack.yml", "utf8"));
  const nodes = Object.keys(c.addresses).length;
  const engines = Object.values(c.engines);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-stack-"));
  const file = path.join(dir, "docker-stack.yml");
  fs.writeFileSync(file, stack);
  try {
    const host = await must(
      admin.post("/hosts", { name: `bench-swarm3-${stamp}`, url: c.managerUrl }),
      "host",
    );
    const project = await benchProject(admin, must, host, `Bench3 ${stamp}`, "Bench3");
    const wharf: number[] = [];
    const stackUp: number[] = [];
    const stackReady: number[] = [];
    const source = { type: "compose", compose: stack };
    for (let i = 0; i < rounds; i++) {
      const app = (
        await must(
          admin.post(`/projects/${project.id}/apps`, {
            name: `vote3-${i}`,
            hostId: host.id,
            mode: "swarm",
            source,
          }),
          "create",
        )
      ).app;
      const t0 = performance.now();
      await must(admin.post(`/apps/${app.id}/deploy`, { source }), "deploy");
      wharf.push((performance.now() - t0) / 1000);
      await must(admin.delete(`/apps/${app.id}?volumes=true`), "remove");
      await drained(engines, `wharf.app=${app.id}`);

      const name = `bench3${stamp}${i}`;
      const label = `com.docker.stack.namespace=${name}`;
      const env = { ...process.env, DOCKER_HOST: c.managerUrl };
      const t1 = performance.now();
      await run("docker", ["stack", "deploy", "--resolve-image", "never", "-c", file, name], { env });
      stackUp.push((performance.now() - t1) / 1000);
      while (!(await converged(c.manager, label, nodes, 5))) await sleep(100);
      stackReady.push((performance.now() - t1) / 1000);
      await run("docker", ["stack", "rm", name], { env });
      await drained(engines, label);
      await Promise.all(
        engines.map((e) => e.pruneVolumes({ filters: { label: [label] } }).catch(() => null)),
      );
    }
    const r = {
      nodes,
      wharfS: median(wharf),
      stackDeployS: median(stackUp),
      stackDeployUntilReadyS: median(stackReady),
      samples: { wharf, stackDeploy: stackUp, stackDeployUntilReady: stackReady },
    };
    return { ...r, overheadVsReady: r.wharfS / r.stackDeployUntilReadyS };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    downCluster(c);
  }
}
