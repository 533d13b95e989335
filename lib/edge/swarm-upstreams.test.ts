import net from "node:net";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredHost } from "@/lib/docker/host-connection";
import { WHARF_LABELS } from "@/lib/docker/labels";
import { ownerLabel } from "@/lib/docker/owned-labels";
import { swarmUpstreamReader } from "./swarm-upstreams";
import type { SwarmTarget } from "./swarm-tasks";

// A sync reads a Swarm once per app, service and node list however many routes point at it (it read per route).
// The engine is a counting stand-in that answers as the Engine API does; the task ports are real listeners, since
// a task is routed only once its port accepts (lib/edge/accepts.ts).

const fields = { tenant: "tA", project: "p1", app: "app1", service: "web" };
const SVC = "wharf_a_shop_site_web";
/** The labels the deployer stamps on a service's tasks: the proof is bound to the service's name. */
const proved = {
  [WHARF_LABELS.tenant]: fields.tenant,
  [WHARF_LABELS.project]: fields.project,
  [WHARF_LABELS.app]: fields.app,
  [WHARF_LABELS.service]: fields.service,
  ...ownerLabel("t", fields, SVC),
};
let servers: net.Server[] = [];
let ports: number[] = [];

beforeAll(async () => {
  servers = [1, 2, 3].map(() => net.createServer((s) => s.end()));
  ports = await Promise.all(
    servers.map(
      (s) =>
        new Promise<number>((resolve) =>
          s.listen(0, "127.0.0.1", () => resolve((s.address() as net.AddressInfo).port)),
        ),
    ),
  );
});
afterAll(() => servers.forEach((s) => s.close()));

const task = (id: string, slot: number, port: number) => ({
  ID: id,
  Slot: slot,
  NodeID: "n1",
  DesiredState: "running",
  Spec: { ContainerSpec: { Labels: { ...proved } } },
  Status: {
    State: "running",
    PortStatus: { Ports: [{ Protocol: "tcp", TargetPort: 8080, PublishedPort: port, PublishMode: "host" }] },
  },
});

function countingEngine() {
  const calls = { listServices: 0, listTasks: 0, listNodes: 0 };
  const labels = { [WHARF_LABELS.app]: "app1", [WHARF_LABELS.service]: "web" };
  // The app's service, and one made outside Wharf with its labels and a copy of its tasks' proof (bound to SVC).
  const services = [
    { ID: "s1", Spec: { Name: SVC, Labels: labels } },
    { ID: "s2", Spec: { Name: "forged", Labels: labels } },
  ];
  const tasks: Record<string, ReturnType<typeof task>[]> = {
    s1: [task("t1", 1, ports[0]), task("t2", 2, ports[1])],
    s2: [task("t3", 1, ports[2])],
  };
  // A real client whose three reads are replaced: any other call would go to an engine and fail the test.
  const docker = Object.assign(new Docker({ socketPath: "/nonexistent/swarmroutes.sock" }), {
    listServices: async () => (calls.listServices++, services),
    listTasks: async (o: { filters: { service: string[] } }) => (
      calls.listTasks++,
      tasks[o.filters.service[0]]
    ),
    listNodes: async () => (calls.listNodes++, [{ ID: "n1", Status: { State: "ready", Addr: "127.0.0.1" } }]),
  });
  return { calls, docker };
}

const host = { id: "h1" } as StoredHost;
const target: SwarmTarget = { tenantId: "tA", appId: "app1", service: "web", port: 8080 };

describe("swarmUpstreamReader", () => {
  it("reads the node list, the app's services and each service's tasks once for 100 routes to one service", async () => {
    const { calls, docker } = countingEngine();
    const read = swarmUpstreamReader(new Set(), () => docker);
    const all = await Promise.all(Array.from({ length: 100 }, () => read(host, target)));
    const want = ports
      .slice(0, 2)
      .map((p) => `127.0.0.1:${p}`)
      .sort();
    expect(all.every((u) => JSON.stringify(u) === JSON.stringify(want))).toBe(true);
    // Per route it was 100 service lists, 200 task lists (both services carry the labels) and one node list.
    expect(calls).toEqual({ listServices: 1, listTasks: 2, listNodes: 1 });
  });

  it("reads again in the next sync (a new reader), and not for a route to a service the app lacks", async () => {
    const { calls, docker } = countingEngine();
    await swarmUpstreamReader(new Set(), () => docker)(host, target);
    const read = swarmUpstreamReader(new Set(), () => docker);
    expect(await read(host, { ...target, service: "api" })).toEqual([]);
    expect(await read(host, target)).toHaveLength(2);
    expect(calls).toEqual({ listServices: 2, listTasks: 4, listNodes: 2 });
  });
});
