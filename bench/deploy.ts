// npm run bench:deploy — Wharf against the tools it replaces, on the same engine:
//   1. the voting-app sample: Wharf's API (POST /apps/{id}/deploy, which returns once every service
//      is up and healthy) vs Debian's docker-compose 1.29 (`up -d`, and `up -d` + waiting until every
//      container is running/healthy — what Wharf's number includes);
//   2. a Swarm service scaled 1 → 50: Wharf's POST /apps/{id}/scale vs `docker service scale` (both
//      wait until the 50 tasks run);
//   3. the voting app's stack file (global vote, placement) on the three-node swarm-multi.sh Swarm:
//      Wharf's deploy vs `docker stack deploy` (bench/deploy-swarm.ts).
// Needs a production build (NEXT_DIST_DIR honoured) and the sample images (scripts/services/images.sh).
// Prints each pair with Wharf's overhead ratio and writes bench/results/deploy.json.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Docker from "dockerode";
import { benchProject, benchSwarmVoting } from "./deploy-swarm";
import { stripBuildKeys } from "../lib/deploy/strip-build";
import { ApiClient } from "../tests/helpers/api-client";
import { startWharfServer } from "../tests/helpers/wharf-server";

const run = promisify(execFile);
const docker = new Docker({ socketPath: "/var/run/docker.sock" });
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SCALE_TO = 50;
const stamp = Date.now().toString(36);

const time = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (s: number) => `${s.toFixed(2)} s`;

async function must<T>(res: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Compose's project containers all running, and healthy where they have a health check. */
async function composeReady(project: string) {
  for (;;) {
    const list = await docker.listContainers({
      all: true,
      filters: { label: [`com.docker.compose.project=${project}`] },
    });
    if (
      list.length === 5 &&
      list.every((c) => c.State === "running" && !/health: starting|unhealthy/.test(c.Status))
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function runningTasks(service: string) {
  const tasks = await docker.listTasks({ filters: { service: [service], "desired-state": ["running"] } });
  return tasks.filter((t) => t.Status?.State === "running").length;
}

async function main() {
  const sample = stripBuildKeys(fs.readFileSync("examples/voting-app/docker-compose.yml", "utf8"));
  // Each side publishes on its own ports so they never collide with anything already running.
  const compose = (vote: number) =>
    sample.replace('"5000:80"', `"${vote}:80"`).replace('"5001:80"', `"${vote + 1}:80"`);
  let swarmWasActive = true;

  const server = await startWharfServer();
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    host: `${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    rounds: ROUNDS,
  };
  try {
    const admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
    const host = (await admin.get("/hosts")).body.items.find((h: { name: string }) => h.name === "local");
    const project = await benchProject(admin, must, host, `Bench ${stamp}`, "Bench");

    // 1. The voting app.
    const wharf: number[] = [];
    const dcUp: number[] = [];
    const dcReady: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const source = { type: "compose", compose: compose(15000 + i * 10) };
      const app = (
        await must(
          admin.post(`/projects/${project.id}/apps`, { name: `vote-${i}`, hostId: host.id, source }),
          "create",
        )
      ).app;
      wharf.push(await time(() => must(admin.post(`/apps/${app.id}/deploy`, { source }), "deploy")));
      await must(admin.delete(`/apps/${app.id}?volumes=true`), "remove");

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-compose-"));
      fs.writeFileSync(path.join(dir, "docker-compose.yml"), compose(16000 + i * 10));
      const projectName = `benchdc${stamp}${i}`;
      const args = ["-p", projectName, "-f", path.join(dir, "docker-compose.yml")];
      const t0 = performance.now();
      await run("docker-compose", [...args, "up", "-d"], {
        env: { ...process.env, DOCKER_HOST: "unix:///var/run/docker.sock" },
      });
      dcUp.push((performance.now() - t0) / 1000);
      await composeReady(projectName);
      dcReady.push((performance.now() - t0) / 1000);
      await run("docker-compose", [...args, "down", "-v", "-t", "1"]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const deploy = {
      wharfS: median(wharf),
      composeUpS: median(dcUp),
      composeUntilReadyS: median(dcReady),
      samples: { wharf, composeUp: dcUp, composeUntilReady: dcReady },
    };
    results.deploySample = {
      ...deploy,
      overheadVsReady: deploy.wharfS / deploy.composeUntilReadyS,
      overheadVsUp: deploy.wharfS / deploy.composeUpS,
    };
    console.log(
      `voting app deploy  wharf ${fmt(deploy.wharfS)} | docker-compose up -d ${fmt(deploy.composeUpS)}, until all ready ${fmt(deploy.composeUntilReadyS)} | overhead ×${(deploy.wharfS / deploy.composeUntilReadyS).toFixed(2)} (vs ready), ×${(deploy.wharfS / deploy.composeUpS).toFixed(2)} (vs up -d)`,
    );

    // 2. Swarm scale 1 → 50, on a single-node swarm (initialised here only if none is active, and left again).
    swarmWasActive = (await docker.info()).Swarm?.LocalNodeState === "active";
    if (!swarmWasActive) await run("bash", ["scripts/services/swarm.sh", "init"]);
    const image = {
      image: "wharf-busybox:latest",
      command: ["sleep", "3600"],
      replicas: 1,
      restart: "always",
    };
    const sw = (
      await must(
        admin.post(`/projects/${project.id}/apps`, {
          name: "scale",
          hostId: host.id,
          mode: "swarm",
          source: { type: "image", image },
        }),
        "swarm app",
      )
    ).app;
    await must(admin.post(`/apps/${sw.id}/deploy`, { source: { type: "image", image } }), "swarm deploy");
    const wharfScale = await time(() =>
      must(admin.post(`/apps/${sw.id}/scale`, { service: "app", replicas: SCALE_TO }), "scale"),
    );
    await must(admin.delete(`/apps/${sw.id}`), "remove swarm app");

    const name = `bench-scale-${stamp}`;
    await run("docker", [
      "service",
      "create",
      "--detach",
      "--name",
      name,
      "--restart-condition",
      "any",
      "--limit-memory",
      "256m",
      "--limit-cpu",
      "0.25",
      "--",
      "wharf-busybox:latest",
      "sleep",
      "3600",
    ]);
    while ((await runningTasks(name)) < 1) await new Promise((r) => setTimeout(r, 100));
    const cliScale = await time(() =>
      run("docker", ["service", "scale", "--detach=false", `${name}=${SCALE_TO}`]),
    );
    const converged = await runningTasks(name);
    await run("docker", ["service", "rm", name]);
    results.swarmScale = {
      replicas: SCALE_TO,
      wharfS: wharfScale,
      dockerServiceScaleS: cliScale,
      dockerTasksRunningAfter: converged,
      overhead: wharfScale / cliScale,
    };
    console.log(
      `swarm scale 1→${SCALE_TO}   wharf ${fmt(wharfScale)} | docker service scale ${fmt(cliScale)} | overhead ×${(wharfScale / cliScale).toFixed(2)}`,
    );

    // 3. The voting app's stack file on three Swarm nodes: Wharf vs docker stack deploy.
    const swarm3 = await benchSwarmVoting(admin, must, ROUNDS, stamp);
    results.swarm3Sample = swarm3;
    console.log(
      `voting app, 3 Swarm nodes  wharf ${fmt(swarm3.wharfS)} | docker stack deploy ${fmt(swarm3.stackDeployS)}, until all tasks run ${fmt(swarm3.stackDeployUntilReadyS)} | overhead ×${swarm3.overheadVsReady.toFixed(2)} (vs ready)`,
    );
  } finally {
    await server.stop();
    if (!swarmWasActive) await run("bash", ["scripts/services/swarm.sh", "leave"]).catch(() => undefined);
  }
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/deploy.json", `${JSON.stringify(results, null, 2)}\n`);
  console.log("wrote bench/results/deploy.json");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
