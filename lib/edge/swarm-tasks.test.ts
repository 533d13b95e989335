import { describe, expect, it } from "vitest";
import { OWNER_LABEL, WHARF_LABELS } from "@/lib/docker/labels";
import { ownerProof, verifyOwner, type OwnerFields } from "@/lib/docker/owner-proof";
import type { TaskEndpoint } from "@/lib/docker/swarm-endpoints";
import { taskUpstreams, touchesRouted, type SwarmTarget } from "./swarm-tasks";

const key = Buffer.alloc(32, 7);
const ownerOf = (name: string, labels: Record<string, string>) => verifyOwner(key, name, labels);
const SVC = "wharf_a_shop_site_web";
const target: SwarmTarget = { tenantId: "tA", appId: "app1", service: "web", port: 8080 };
const nodes = new Map([
  ["n1", "10.0.0.1"],
  ["n2", "10.0.0.2"],
  ["n6", "fd00::6"],
]);

/** Labels as the deployer stamps them on a service's tasks: the proof is bound to the service's name. */
function labels(f: OwnerFields, bound = SVC, kind: "t" | "c" = "t") {
  return {
    [WHARF_LABELS.tenant]: f.tenant,
    [WHARF_LABELS.project]: f.project,
    [WHARF_LABELS.app]: f.app,
    [WHARF_LABELS.service]: f.service,
    [OWNER_LABEL]: ownerProof(key, kind, f, bound),
  };
}
const mine: OwnerFields = { tenant: "tA", project: "p1", app: "app1", service: "web" };

let n = 0;
function task(over: Partial<TaskEndpoint> = {}): TaskEndpoint {
  n += 1;
  return {
    id: `task${n}`,
    slot: n,
    nodeId: "n1",
    state: "running",
    desiredState: "running",
    labels: labels(mine),
    ports: [{ target: 8080, published: 32000 + n, protocol: "tcp" }],
    ...over,
  };
}

describe("taskUpstreams", () => {
  it("dials every running task of the service on its node's address and ephemeral port", () => {
    const tasks = [task({ nodeId: "n2" }), task(), task({ nodeId: "n6", slot: null })];
    expect(taskUpstreams(target, SVC, tasks, nodes, ownerOf)).toEqual(
      [`10.0.0.2:${32000 + n - 2}`, `10.0.0.1:${32000 + n - 1}`, `[fd00::6]:${32000 + n}`].sort(),
    );
  });

  it("leaves out tasks that do not run, are being shut down, or sit on a node that is not ready", () => {
    const tasks = [
      task({ state: "starting" }),
      task({ state: "running", desiredState: "shutdown" }),
      task({ nodeId: "gone" }),
      task({ ports: [{ target: 9090, published: 31000, protocol: "tcp" }] }),
      task({ ports: [{ target: 8080, published: 31001, protocol: "udp" }] }),
    ];
    expect(taskUpstreams(target, SVC, tasks, nodes, ownerOf)).toEqual([]);
  });

  it("never routes to a task whose proof is missing, forged, another tenant's, app's or service's", () => {
    const other = (f: Partial<OwnerFields>) => labels({ ...mine, ...f });
    const claimed = Object.fromEntries(Object.entries(labels(mine)).filter(([k]) => k !== OWNER_LABEL));
    const tasks = [
      task({ labels: claimed }), // the labels alone, as an image could carry them
      task({ labels: { ...labels(mine), [OWNER_LABEL]: "v1.t.AAAAAAAAAAAAAAAAAAAAAA" } }),
      task({ labels: other({ tenant: "tB" }) }),
      task({ labels: other({ app: "app2" }) }),
      task({ labels: other({ service: "db" }) }),
      // A valid proof made for another service's name, copied onto this one's tasks.
      task({ labels: labels(mine, "wharf_b_shop_other_web") }),
      // A standalone container's proof ("c") is not a task's.
      task({ labels: labels(mine, SVC, "c") }),
    ];
    expect(taskUpstreams(target, SVC, tasks, nodes, ownerOf)).toEqual([]);
    // The same tasks with the proof the deployer stamps are routed.
    expect(taskUpstreams(target, SVC, [task()], nodes, ownerOf)).toHaveLength(1);
  });
});

describe("touchesRouted", () => {
  const change = (app?: string): { labels: Record<string, string> } => ({
    labels: app ? { [WHARF_LABELS.app]: app } : {},
  });
  it("asks for a sync when a routed Swarm app's container changed, or the batch is a resync", () => {
    const routed = new Set(["app1"]);
    expect(touchesRouted({ resync: false, changes: [change("other"), change("app1")] }, routed)).toBe(true);
    expect(touchesRouted({ resync: true, changes: [] }, routed)).toBe(true);
    expect(touchesRouted({ resync: false, changes: [change("other"), change()] }, routed)).toBe(false);
    expect(touchesRouted({ resync: true, changes: [change("app1")] }, new Set())).toBe(false);
  });
});
