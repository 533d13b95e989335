// The voting app on a single-node Swarm (the main engine). The suite initialises the swarm only if
// it is not active, and leaves it only if it did (scripts/services/swarm.sh keeps that marker).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deployComposeApp,
  engine,
  eventually,
  httpStatus,
  objectsWithLabel,
  startAdminWorld,
  votingCompose,
  type AdminWorld,
  type TenantSetup,
} from "./helpers";
import type { ApiClient } from "../helpers/api-client";

let world: AdminWorld | undefined;
let hostId: string;
let t: TenantSetup;
let other: TenantSetup;

beforeAll(async () => {
  // A 2 s metrics pass: the per-service chart of a Swarm app gets points within the file's own minutes.
  world = await startAdminWorld({ swarm: true, env: { WHARF_METRICS_INTERVAL_S: "2" } });
  hostId = world.hostId;
  t = await world.tenant(`Swarm ${Date.now().toString(36)}`);
  other = await world.tenant(`Swarm B ${Date.now().toString(36)}`);
});

afterAll(() => world?.stop());

const runningTasks = async (serviceId: string) =>
  (await engine.listTasks({ filters: { service: [serviceId], "desired-state": ["running"] } })).filter(
    (k) => k.Status?.State === "running",
  ).length;

describe("the voting app on a single-node Swarm", () => {
  let appId = "";
  let compose = "";
  let votePort = 0;
  const serviceId = async (name: string) =>
    (await objectsWithLabel(`wharf.app=${appId}`)).services.find(
      (s) => s.Spec?.Labels?.["wharf.service"] === name,
    )!.ID;

  it("deploys as services on overlay networks; vote and result answer on their published ports", async () => {
    const v = await votingCompose();
    compose = v.compose;
    votePort = v.votePort;
    appId = await deployComposeApp(t.dev, t.projectId, {
      name: "voting-app",
      hostId,
      mode: "swarm",
      compose,
    });

    const o = await objectsWithLabel(`wharf.app=${appId}`);
    expect(o.services.map((s) => s.Spec?.Name).sort()).toEqual(
      ["db", "redis", "result", "vote", "worker"].map((n) => `wharf_${t.slug}_shop_voting-app_${n}`).sort(),
    );
    expect(o.networks.every((n) => n.Driver === "overlay")).toBe(true);
    // The file names no restart policy: Swarm's default, any, as docker stack deploy gives (a killed task is replaced).
    expect(o.services.map((s) => s.Spec?.TaskTemplate?.RestartPolicy?.Condition)).toEqual(
      Array(5).fill("any"),
    );
    expect(o.networks).toHaveLength(2);
    expect(
      await eventually(
        () => httpStatus(`http://127.0.0.1:${votePort}/`),
        (s) => s === 200,
      ),
    ).toBe(200);
    expect(await httpStatus(`http://127.0.0.1:${v.resultPort}/cgi-bin/results`)).toBe(200);

    const app = (await t.dev.get(`/apps/${appId}`)).body;
    expect(
      Object.fromEntries(app.services.map((s: { name: string; running: number }) => [s.name, s.running])),
    ).toEqual({ vote: 1, result: 1, worker: 1, redis: 1, db: 1 });
    expect(
      (await t.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose } })).body.changed,
    ).toBe(false);
  });

  it("scales worker to 5 then 1 by service update", async () => {
    const id = await serviceId("worker");
    const up = await t.dev.post(`/apps/${appId}/scale`, { service: "worker", replicas: 5 });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(await runningTasks(id)).toBe(5);
    const down = await t.dev.post(`/apps/${appId}/scale`, { service: "worker", replicas: 1 });
    expect(down.status).toBe(200);
    expect(
      await eventually(
        () => runningTasks(id),
        (n) => n === 1,
      ),
    ).toBe(1);
    expect(await serviceId("worker")).toBe(id); // same service, updated in place
  });

  it("charts each service from its tasks' samples; another tenant's developer gets 404", async () => {
    type Series = { source: string; t: number[]; cpu: (number | null)[]; mem: (number | null)[] };
    const chart = async (who: ApiClient, service: string) =>
      await who.get(`/apps/${appId}/services/${service}/metrics?range=1h`);
    const points = await eventually(
      async () => (await chart(t.dev, "worker")).body as Series,
      (s) => s.t.length >= 1,
      60_000,
    );
    expect(points.source).toBe("store");
    expect(points.mem.some((m) => (m ?? 0) > 0)).toBe(true);
    // Each service is its own series: the vote service's tasks are charted apart from the worker's.
    const vote = (await chart(t.dev, "vote")).body as Series;
    expect(vote.t.length).toBeGreaterThanOrEqual(1);
    expect((await chart(t.dev, "nothing-here")).body.t).toEqual([]);
    expect((await chart(other.dev, "worker")).status).toBe(404);
  });

  it("a failing revision says what failed and the previous spec keeps running", async () => {
    const id = await serviceId("vote");
    const before = (await engine.getService(id).inspect()).Spec.TaskTemplate.ContainerSpec;
    const broken = compose.replace(
      "image: wharf-sample/vote:latest",
      'image: wharf-sample/vote:latest\n    command: ["sh", "-c", "exit 4"]',
    );
    const res = await t.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose: broken } });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/^Revision 4 failed — vote: task (failed|rejected)/);
    expect(res.body.error.message).toMatch(/Revision 3 is still running/);
    const after = (await engine.getService(id).inspect()).Spec.TaskTemplate.ContainerSpec;
    expect(after.Args).toEqual(before.Args);
    expect(
      await eventually(
        () => httpStatus(`http://127.0.0.1:${votePort}/`),
        (s) => s === 200,
        60_000,
      ),
    ).toBe(200);
  });

  it("removes its services and networks", async () => {
    expect((await t.dev.delete(`/apps/${appId}?volumes=true`)).status).toBe(200);
    const o = await objectsWithLabel(`wharf.app=${appId}`);
    expect([o.services.length, o.networks.length, o.volumes.length]).toEqual([0, 0, 0]);
  });
});

// Swarm restarts a failed task (restart_policy any): a deploy fails only when Swarm will not, or when one slot
// keeps failing (lib/deploy/swarm-failures.ts). The engine's task history shows what Swarm did.
describe("failed tasks and Swarm's restart policy", () => {
  const deploy = async (name: string, compose: string) => {
    const created = await t.dev.post(`/projects/${t.projectId}/apps`, {
      name,
      hostId,
      mode: "swarm",
      source: { type: "compose", compose },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const res = await t.dev.post(`/apps/${created.body.app.id}/deploy`, {
      source: { type: "compose", compose },
    });
    return { appId: created.body.app.id as string, res };
  };
  const tasksOf = async (appId: string) => {
    const [svc] = (await objectsWithLabel(`wharf.app=${appId}`)).services;
    return svc ? await engine.listTasks({ filters: { service: [svc.ID] } }) : [];
  };

  it("a task that fails once is replaced by Swarm and the deploy succeeds", async () => {
    // Fails on its first start (no marker in its volume yet), runs from the second.
    const compose = [
      "services:",
      "  flaky:",
      "    image: busybox:latest",
      '    command: ["sh", "-c", "[ -e /state/ran ] && exec sleep 3600; touch /state/ran; exit 3"]',
      "    volumes: [state:/state]",
      "    deploy:",
      "      restart_policy: { condition: any, delay: 1s }",
      "volumes:",
      "  state: {}",
    ].join("\n");
    const { appId, res } = await deploy("flaky", compose);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const tasks = await tasksOf(appId);
    expect(
      tasks.filter((k) => k.Status?.State === "failed").map((k) => k.Status?.ContainerStatus?.ExitCode),
    ).toEqual([3]);
    expect(tasks.filter((k) => k.Status?.State === "running")).toHaveLength(1);
    expect((await t.dev.delete(`/apps/${appId}?volumes=true`)).status).toBe(200);
  });

  it("a task that keeps failing fails the deploy as a crash loop, and nothing is left", async () => {
    const compose = [
      "services:",
      "  crash:",
      "    image: busybox:latest",
      '    command: ["sh", "-c", "exit 3"]',
      "    deploy:",
      "      restart_policy: { condition: any, delay: 1s }",
    ].join("\n");
    const started = Date.now();
    const { appId, res } = await deploy("crash", compose);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(
      /^Revision 1 failed — crash: task failed with exit code 3: .*\(failed 3 times in the same slot while Swarm restarted it \(a crash loop\)\)/,
    );
    expect(Date.now() - started).toBeLessThan(60_000);
    expect((await objectsWithLabel(`wharf.app=${appId}`)).services).toHaveLength(0);
  });

  it("with restart_policy none the first failure fails the deploy", async () => {
    const compose = [
      "services:",
      "  once:",
      "    image: busybox:latest",
      '    command: ["sh", "-c", "exit 3"]',
      "    deploy:",
      "      restart_policy: { condition: none }",
    ].join("\n");
    const { res } = await deploy("once", compose);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(
      /^Revision 1 failed — once: task failed with exit code 3: .*\(restart policy none: Swarm does not restart it\)/,
    );
  });
});
