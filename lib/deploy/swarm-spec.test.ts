import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { exportCompose } from "@/lib/compose/export";
import { specOf } from "@/lib/compose/fixtures/specs";
import type { AppSpec } from "@/lib/compose/spec";
import { routedUpdateConfig, serviceBody } from "./engine-spec";
import { serviceHash } from "./hash";
import { computePlan } from "./plan";
import { specDemand } from "./quotas";
import { stripBuildKeys } from "./strip-build";
import { voteTarget } from "./test-target";
import type { ActualState, AppTarget } from "./types";

const stack = (): AppSpec =>
  specOf(stripBuildKeys(fs.readFileSync("examples/voting-app/docker-stack.yml", "utf8")));
const t = voteTarget("swarm");

describe("Swarm placement and modes (the sample's stack file)", () => {
  const spec = stack();
  const body = (name: string) => serviceBody(t, name, spec.services[name], "h", 1);

  it("runs vote global and publishes in host mode with DNS round robin", () => {
    expect(body("vote").Mode).toEqual({ Global: {} });
    expect(body("vote").EndpointSpec).toEqual({
      Mode: "dnsrr",
      Ports: [{ Protocol: "tcp", TargetPort: 80, PublishedPort: 5000, PublishMode: "host" }],
    });
  });

  it("passes constraints, spread preferences and the per-node cap to the task template", () => {
    expect(body("db").TaskTemplate.Placement).toEqual({
      Constraints: ["node.role == manager"],
      Preferences: [],
    });
    expect(body("result").Mode).toEqual({ Replicated: { Replicas: 2 } });
    expect(body("result").TaskTemplate.Placement).toEqual({
      Constraints: [],
      Preferences: [{ Spread: { SpreadDescriptor: "node.hostname" } }],
      MaxReplicas: 1,
    });
    expect(body("redis").TaskTemplate).not.toHaveProperty("Placement");
    expect(body("redis").TaskTemplate.RestartPolicy).toEqual({ Condition: "any" });
  });

  it("never plans a scale step for a global service, whatever number of nodes runs it", () => {
    const actual: ActualState = { services: {}, networks: {}, volumes: {} };
    for (const [name, svc] of Object.entries(spec.services))
      actual.services[name] = {
        name,
        hashes: [serviceHash(name, svc, "swarm")],
        desired: svc.mode === "global" ? 3 : svc.replicas,
        running: 0,
        replicas: [],
      };
    const plan = computePlan({ desired: spec, actual, mode: "swarm", previous: spec });
    expect(plan.services.filter((s) => s.action !== "unchanged")).toEqual([]);
  });

  it("counts a global service once per node for quotas", () => {
    const one = { ...spec, services: { vote: spec.services.vote } };
    expect(specDemand(one, 3).containers).toBe(3);
    expect(specDemand(one).containers).toBe(1);
  });
});

describe("external networks and volumes in a Swarm service (resolved names only)", () => {
  const { services, volumes, networks } = specOf(
    "services:\n  web:\n    image: redis:alpine\n    networks: [mon]\n    volumes: [data:/data]\nnetworks:\n  mon: {external: true, name: shared-monitoring}\nvolumes:\n  data: {external: true, name: base_data}\n",
  );
  const body = (target: AppTarget) =>
    serviceBody(target, "web", services.web, "h", 1, {}, { volumes, networks });

  it("attaches the names lib/deploy/externals.ts resolved from Wharf's records", () => {
    const resolved = {
      ...t,
      externals: { networks: { mon: "shared-monitoring" }, volumes: { data: "wharf_acme_shop_base_data" } },
    };
    const b = body(resolved);
    expect(b.TaskTemplate.Networks?.map((n) => n.Target)).toEqual(["shared-monitoring"]);
    expect(b.TaskTemplate.ContainerSpec.Mounts?.map((m) => m.Source)).toEqual(["wharf_acme_shop_base_data"]);
  });

  it("fails closed when a name was not resolved: never derived from what the file wrote", () => {
    expect(() => body(t)).toThrow(/was not resolved/);
  });
});

describe("deploy.update_config and rollback_config (every key of the spec)", () => {
  it("become UpdateConfig and RollbackConfig, monitor and max_failure_ratio included, and export back", () => {
    const spec = specOf(`services:
  web:
    image: nginx
    deploy:
      update_config: {parallelism: 2, delay: 3s, order: start-first, failure_action: rollback, monitor: 20s, max_failure_ratio: 0.3}
      rollback_config: {parallelism: 0, failure_action: continue}
`);
    const b = serviceBody(t, "web", spec.services.web, "h", 1);
    expect(b.UpdateConfig).toEqual({
      Parallelism: 2,
      Delay: 3e9,
      Order: "start-first",
      FailureAction: "rollback",
      Monitor: 20e9,
      MaxFailureRatio: 0.3,
    });
    expect(b.RollbackConfig).toEqual({
      Parallelism: 0,
      Delay: 0,
      Order: "stop-first",
      FailureAction: "continue",
      Monitor: 5e9,
    });
    expect(exportCompose(spec)).toMatchObject({
      services: { web: { deploy: { update_config: { monitor: "20s", max_failure_ratio: 0.3 } } } },
    });
  });
});

describe("the restart policy of a Swarm service (docker stack deploy's convertRestartPolicy)", () => {
  const condition = (yaml: string) =>
    serviceBody(t, "web", specOf(`services:\n  web:\n    image: nginx\n${yaml}`).services.web, "h", 1)
      .TaskTemplate.RestartPolicy;

  it("restarts tasks without a restart policy or with restart: no (Swarm's default, any)", () => {
    expect(condition("")).toEqual({ Condition: "any" });
    expect(condition('    restart: "no"\n')).toEqual({ Condition: "any" });
    expect(condition("    restart: unless-stopped\n")).toEqual({ Condition: "any" });
  });

  it("keeps on-failure and the none only deploy.restart_policy can say", () => {
    expect(condition("    restart: on-failure:2\n")).toEqual({ Condition: "on-failure", MaxAttempts: 2 });
    expect(condition("    deploy:\n      restart_policy: { condition: none }\n")).toEqual({
      Condition: "none",
    });
    const none = specOf(
      "services:\n  web:\n    image: nginx\n    deploy:\n      restart_policy: { condition: none }\n",
    );
    expect(exportCompose(none)).toMatchObject({
      services: { web: { deploy: { restart_policy: { condition: "none" } } } },
    });
  });
});

describe("the update of a service with a routed domain (docs/edge.md, Swarm: redeploys and scaling)", () => {
  const web = (yaml: string) => specOf(`services:\n  web:\n    image: nginx\n${yaml}`).services.web;

  it("starts the new task first when the file says nothing, with Swarm's other defaults", () => {
    expect(routedUpdateConfig(web('    ports: ["8080"]\n'))).toEqual({
      Parallelism: 1,
      Delay: 0,
      FailureAction: "pause",
      Monitor: 5e9,
      Order: "start-first",
    });
  });

  it("keeps the file's update_config, and never starts first next to a fixed host port", () => {
    expect(routedUpdateConfig(web("    deploy:\n      update_config: { order: stop-first }\n"))).toBeNull();
    expect(routedUpdateConfig(web('    ports: ["8080", "9000:9000"]\n'))).toBeNull();
  });
});
