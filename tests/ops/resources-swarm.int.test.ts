import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserClient, type ApiClient } from "@/tests/helpers/api-client";
import type { WharfServer } from "@/tests/helpers/wharf-server";
import { docker, removeByPrefix, startOps, until } from "./helpers";
import { joinSwarm, leaveSwarm } from "../deploy/helpers";

// Host resources (images and prune, volumes, networks, disk use, events), cluster health, and a Swarm
// node drained and restored — on the main engine, with a single-node Swarm initialised only if absent.
const uniq = `opsr${Date.now().toString(36)}`;
const label = `org.wharf.test=${uniq}`;
let server: WharfServer;
let admin: ApiClient;
let hostId: string;

const build = (tag: string, marker: string) =>
  execFileSync("docker", ["build", "-q", "--label", label, "-t", tag, "-"], {
    input: `FROM wharf-busybox:latest\nRUN echo ${marker} > /marker\n`,
    env: { ...process.env, DOCKER_BUILDKIT: "0" },
  });
const imageExists = async (tag: string) =>
  docker
    .getImage(tag)
    .inspect()
    .then(
      () => true,
      () => false,
    );

beforeAll(async () => {
  ({ server, admin, hostId } = await startOps());
  build(`${uniq}-used:1`, `used-${uniq}`);
  build(`${uniq}-unused:1`, `unused-${uniq}`);
  await docker.createContainer({ name: `${uniq}-user`, Image: `${uniq}-used:1`, Cmd: ["true"] }); // created, never started: still "uses" the image
  await docker.createVolume({ Name: `${uniq}-vol`, Labels: { "org.wharf.test": uniq } });
}, 120_000);

afterAll(async () => {
  await removeByPrefix(uniq);
  for (const t of [`${uniq}-used:1`, `${uniq}-unused:1`])
    await docker
      .getImage(t)
      .remove({ force: true })
      .catch(() => undefined);
  await docker
    .getVolume(`${uniq}-vol`)
    .remove()
    .catch(() => undefined);
  await server?.stop();
});

describe("host resources", () => {
  it("lists images with size and the containers using them", async () => {
    const res = await admin.get(`/hosts/${hostId}/images`);
    expect(res.status).toBe(200);
    const used = res.body.items.find((i: { tags: string[] }) => i.tags.includes(`${uniq}-used:1`));
    expect(used.sizeBytes).toBeGreaterThan(0);
    // Its busybox base is shared with wharf-busybox:latest: not counted as its own (what the disk-use card says).
    expect(used.uniqueBytes).toBeLessThan(used.sizeBytes);
    expect(used.containers.map((c: { name: string }) => c.name)).toEqual([`${uniq}-user`]);
  });

  it("prunes only unused images", async () => {
    // Default prune touches dangling images only: our tagged unused image survives.
    const dangling = await admin.post(`/hosts/${hostId}/images/prune`, { label });
    expect(dangling.status).toBe(200);
    expect(await imageExists(`${uniq}-unused:1`)).toBe(true);
    const res = await admin.post(`/hosts/${hostId}/images/prune`, { all: true, label });
    expect(res.status).toBe(200);
    expect(res.body.deleted.length).toBeGreaterThan(0);
    expect(await imageExists(`${uniq}-unused:1`)).toBe(false);
    expect(await imageExists(`${uniq}-used:1`)).toBe(true);
    // Removing an image in use is refused with the engine's reason.
    const inUse = await admin.delete(`/hosts/${hostId}/images/${encodeURIComponent(`${uniq}-used:1`)}`);
    expect(inUse.status).toBe(409);
  });

  it("lists volumes, networks, disk use and recent events", async () => {
    const vols = await admin.get(`/hosts/${hostId}/volumes`);
    expect(vols.body.items.map((v: { name: string }) => v.name)).toContain(`${uniq}-vol`);
    const nets = await admin.get(`/hosts/${hostId}/networks`);
    expect(nets.body.items.map((n: { name: string }) => n.name)).toEqual(
      expect.arrayContaining(["bridge", "host", "none"]),
    );
    const df = await admin.get(`/hosts/${hostId}/df`);
    expect(df.body.images.count).toBeGreaterThan(0);
    // The engine keeps only its last 256 events, and other suites may be busy: make one and look at once.
    await until("our volume's create event", async () => {
      const name = `${uniq}-ev${Date.now()}`;
      await docker.createVolume({ Name: name });
      await docker.getVolume(name).remove();
      const ev = await admin.get(`/hosts/${hostId}/events?since=600&type=volume`);
      return ev.body.items.some(
        (e: { action: string; id: string }) => e.action === "create" && e.id === name,
      );
    });
  });

  it("keeps them from tenant members", async () => {
    const t = (await admin.post("/tenants", { name: `R ${uniq}` })).body.id;
    await admin.put(`/hosts/${hostId}/grants`, { tenantIds: [t] });
    const dev = (
      await createUserClient(admin, `dev-${uniq}@wharf.test`, {
        memberships: [{ tenantId: t, role: "owner" }],
      })
    ).client;
    for (const p of ["images", "volumes", "networks", "df", "events"])
      expect((await dev.get(`/hosts/${hostId}/${p}`)).status).toBe(403);
    expect((await dev.post(`/hosts/${hostId}/images/prune`, { all: true, label })).status).toBe(403);
  });
});

describe("cluster health", () => {
  it("reports hosts, usage and the busiest containers; failures come from the stored events", async () => {
    const busy = await docker.createContainer({
      name: `${uniq}-busy`,
      Image: "wharf-busybox:latest",
      Cmd: ["sh", "-c", "while true; do :; done"],
    });
    await busy.start();
    const failing = await docker.createContainer({
      name: `${uniq}-fail`,
      Image: "wharf-busybox:latest",
      Cmd: ["sh", "-c", "exit 7"],
    });
    await failing.start();
    // The report is cached for 5 s: wait for one showing the busy container on top.
    const h = await until(
      "busy container on top",
      async () => {
        const r = (await admin.get("/cluster/health")).body;
        return (
          r.topCpu?.some((u: { id: string; cpuPercent: number }) => u.id === busy.id && u.cpuPercent > 5) && r
        );
      },
      30_000,
    );
    expect(h.totals.hostsUp).toBeGreaterThanOrEqual(1);
    expect(h.hosts.find((x: { id: string }) => x.id === hostId)).toMatchObject({ up: true });
    await until(
      "the failure stored",
      async () =>
        (await admin.get("/events?types=exit,oom")).body.items?.some(
          (f: { containerId: string; exitCode: number }) => f.containerId === failing.id && f.exitCode === 7,
        ),
      30_000,
    );
  });
});

describe("swarm nodes", () => {
  const service = `${uniq}-svc`;
  let swarmWasActive = true;
  beforeAll(async () => {
    swarmWasActive = await joinSwarm();
    await docker.createService({
      Name: service,
      TaskTemplate: { ContainerSpec: { Image: "wharf-busybox:latest", Command: ["sleep", "600"] } },
      Mode: { Replicated: { Replicas: 1 } },
    } as object);
  }, 60_000);
  afterAll(async () => {
    await docker
      .getService(service)
      .remove()
      .catch(() => undefined);
    // Only a Swarm this file started: the services' one (swarm.sh's marker) serves other files running beside it.
    await leaveSwarm(swarmWasActive);
  });

  it("drains a node (its task stops) and restores it (a task runs again)", async () => {
    const list = await admin.get("/swarm/nodes");
    expect(list.status).toBe(200);
    const node = list.body.items[0];
    expect(node).toMatchObject({ role: "manager", availability: "active", status: "ready" });
    expect(node.engineVersion).toMatch(/^\d+\./);
    const mine = async () =>
      (
        (await admin.get(`/swarm/nodes/${node.id}`)).body.tasks as {
          serviceName: string;
          state: string;
          desiredState: string;
        }[]
      ).filter((t) => t.serviceName === service);
    await until(
      "service task running",
      async () => (await mine()).some((t) => t.state === "running"),
      30_000,
    );
    try {
      const drained = await admin.patch(`/swarm/nodes/${node.id}`, { availability: "drain" });
      expect(drained.status).toBe(200);
      expect(drained.body.node.availability).toBe("drain");
      await until(
        "task moved off the drained node",
        async () => (await mine()).every((t) => t.desiredState !== "running" && t.state !== "running"),
        30_000,
      );
    } finally {
      expect(
        (await admin.patch(`/swarm/nodes/${node.id}`, { availability: "active" })).body.node.availability,
      ).toBe("active");
    }
    await until("task running again", async () => (await mine()).some((t) => t.state === "running"), 30_000);
    expect((await admin.patch(`/swarm/nodes/${node.id}`, { availability: "sleep" })).status).toBe(422);
  });
});
