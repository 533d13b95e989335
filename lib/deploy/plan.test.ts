import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { specOf } from "@/lib/compose/fixtures/specs";
import { parseCompose } from "@/lib/compose/parse";
import type { AppSpec } from "@/lib/compose/spec";
import { ImageAppInput } from "@/lib/validations/app";
import { containerBody, serviceBody, networkBody } from "./engine-spec";
import { serviceHash, networkHash } from "./hash";
import { imageToSpec } from "./image-spec";
import { dependencyLevels } from "./order";
import { checkTopology, computePlan } from "./plan";
import { stripBuildKeys } from "./strip-build";
import { voteTarget } from "./test-target";
import type { ActualState } from "./types";

const sample = stripBuildKeys(fs.readFileSync("examples/voting-app/docker-compose.yml", "utf8"));
const parsed = specOf;
const t = voteTarget("standalone");

/** What the engine would report after a successful deploy of `spec`. */
function running(spec: AppSpec, mode: "standalone" | "swarm" = "standalone"): ActualState {
  const state: ActualState = { services: {}, networks: {}, volumes: {} };
  for (const [name, svc] of Object.entries(spec.services)) {
    const hash = serviceHash(name, svc, mode);
    const replicas = Array.from({ length: svc.replicas }, (_, i) => ({
      id: `${name}${i}`,
      name: `${name}_${i + 1}`,
      index: i + 1,
      hash,
      imageId: "img",
      state: "running",
      running: true,
      health: null,
      revision: 1,
    }));
    state.services[name] = { name, hashes: [hash], desired: svc.replicas, running: svc.replicas, replicas };
  }
  for (const [n, net] of Object.entries(spec.networks))
    state.networks[n] = { id: n, hash: networkHash(net, mode) };
  for (const v of Object.keys(spec.volumes)) state.volumes[v] = { name: v };
  return state;
}

describe("planner", () => {
  const spec = parsed(sample);

  it("plans the voting app from nothing: every service, network and volume created", () => {
    const plan = computePlan({
      desired: spec,
      actual: { services: {}, networks: {}, volumes: {} },
      mode: "standalone",
    });
    expect(plan.services.map((s) => [s.service, s.action, s.to])).toEqual([
      ["vote", "create", 1],
      ["result", "create", 1],
      ["worker", "create", 1],
      ["redis", "create", 1],
      ["db", "create", 1],
    ]);
    expect(plan.networks.map((n) => n.action)).toEqual(["create", "create"]);
    expect(plan.volumes).toEqual([{ name: "db-data", action: "create" }]);
    expect(plan.changes).toBe(8);
  });

  it("re-applying the same spec changes nothing", () => {
    const plan = computePlan({
      desired: spec,
      actual: running(spec),
      mode: "standalone",
      previous: spec,
      imageIds: { vote: "img" },
    });
    expect(plan.changes).toBe(0);
    expect(plan.services.every((s) => s.action === "unchanged")).toBe(true);
  });

  it("scaling only changes replicas; a changed field is an update naming the field", () => {
    const next = structuredClone(spec);
    next.services.worker.replicas = 5;
    next.services.vote.environment = { MODE: "x" };
    const plan = computePlan({ desired: next, actual: running(spec), mode: "standalone", previous: spec });
    expect(plan.services.find((s) => s.service === "worker")).toMatchObject({
      action: "scale",
      from: 1,
      to: 5,
    });
    expect(plan.services.find((s) => s.service === "vote")).toMatchObject({
      action: "update",
      reasons: ["changed: environment"],
    });
    expect(plan.changes).toBe(2);
  });

  it("removes services no longer in the spec and keeps their volumes with a warning", () => {
    const next = structuredClone(spec);
    delete next.services.db;
    delete next.services.worker.dependsOn.db;
    delete next.services.result;
    next.volumes = {};
    const plan = computePlan({ desired: next, actual: running(spec), mode: "standalone", previous: spec });
    expect(
      plan.services
        .filter((s) => s.action === "remove")
        .map((s) => s.service)
        .sort(),
    ).toEqual(["db", "result"]);
    expect(plan.volumes).toEqual([{ name: "db-data", action: "keep" }]);
    expect(plan.warnings[0]).toMatch(/db-data/);
  });

  it("a rebuilt image tag or a stopped replica means update", () => {
    const actual = running(spec);
    actual.services.redis.replicas[0].running = false;
    const plan = computePlan({
      desired: spec,
      actual,
      mode: "standalone",
      previous: spec,
      imageIds: { vote: "newer" },
    });
    expect(plan.services.find((s) => s.service === "vote")?.reasons[0]).toMatch(/newer build/);
    expect(plan.services.find((s) => s.service === "redis")?.reasons[0]).toMatch(/not running/);
  });

  it("refuses a network whose settings changed", () => {
    const next = structuredClone(spec);
    next.networks["back-tier"] = { internal: true };
    expect(computePlan({ desired: next, actual: running(spec), mode: "standalone" }).errors).toHaveProperty([
      "networks.back-tier",
    ]);
  });

  it("starts services in depends_on order", () => {
    expect(dependencyLevels(spec)).toEqual([
      ["db", "redis"],
      ["result", "vote", "worker"],
    ]);
  });

  it("refuses fixed host ports with several replicas on a host, and container-only options on Swarm", () => {
    const next = structuredClone(spec);
    next.services.vote.replicas = 2;
    expect(Object.keys(checkTopology(next, "standalone"))).toEqual(["services.vote.deploy.replicas"]);
    next.services.vote.privileged = true;
    expect(Object.keys(checkTopology(next, "swarm"))).toEqual(["services.vote.privileged"]);
  });
});

describe("engine bodies", () => {
  const spec = parsed(sample);
  it("names and labels containers from the server-side target, never the spec", () => {
    const svc = { ...spec.services.vote, labels: { team: "web" } };
    const body = containerBody(t, "vote", svc, 2, "h", 3);
    expect(body.name).toBe("wharf_acme_shop_vote_vote_2");
    expect(body.Labels).toMatchObject({
      team: "web",
      "wharf.tenant": "t1",
      "wharf.project": "p1",
      "wharf.app": "app1",
      "wharf.service": "vote",
      "wharf.replica": "2",
      "wharf.revision": "3",
    });
    expect(body.HostConfig.PortBindings).toEqual({ "80/tcp": [{ HostIp: "", HostPort: "5000" }] });
    expect(body.HostConfig.Memory).toBe(256 * 1024 * 1024);
    expect(body.NetworkingConfig.EndpointsConfig).toEqual({
      "wharf_acme_shop_vote_front-tier": { Aliases: ["vote"] },
    });
    expect(body.Healthcheck).toMatchObject({
      Test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1/"],
      Interval: 5e9,
      Retries: 3,
    });
  });

  it("builds Swarm services with DNS round robin, host-mode ports and the update config", () => {
    const s = structuredClone(spec.services.vote);
    s.updateConfig = { parallelism: 2, delayMs: 1000, order: "start-first", failureAction: "rollback" };
    const body = serviceBody({ ...t, mode: "swarm" }, "vote", s, "h", 1);
    expect(body.EndpointSpec).toEqual({
      Mode: "dnsrr",
      Ports: [{ Protocol: "tcp", TargetPort: 80, PublishedPort: 5000, PublishMode: "host" }],
    });
    expect(body.UpdateConfig).toMatchObject({
      Parallelism: 2,
      Delay: 1e9,
      Order: "start-first",
      FailureAction: "rollback",
    });
    expect(body.TaskTemplate.Networks.map((n) => n.Target)).toEqual([
      "wharf_acme_shop_vote_front-tier",
      "wharf_acme_shop_vote_back-tier",
    ]);
    expect(networkBody({ ...t, mode: "swarm" }, "back-tier", {}, "h").Driver).toBe("overlay");
  });
});

describe("image form", () => {
  it("becomes the same AppSpec shape a compose file does", () => {
    const input = ImageAppInput.parse({
      image: "wharf-busybox:latest",
      command: ["httpd", "-f"],
      env: { A: "1" },
      ports: [{ target: 80, published: 8080 }],
      volumes: [{ name: "data", target: "/data" }],
      replicas: 2,
      memoryMb: 64,
      cpus: 0.5,
      healthcheck: { command: "true" },
    });
    const spec = imageToSpec(input);
    expect(spec.services.app).toMatchObject({
      image: "wharf-busybox:latest",
      replicas: 2,
      resources: { memoryBytes: 64 * 1024 * 1024, nanoCpus: 5e8 },
      networks: ["default"],
    });
    expect(spec.services.app.healthcheck).toMatchObject({ test: ["CMD-SHELL", "true"], intervalMs: 10_000 });
    expect(spec.volumes).toEqual({ data: {} });
  });
});

describe("sample", () => {
  it("drops build: keys so the examples compose file deploys as written otherwise", () => {
    expect(sample).not.toMatch(/^\s+build:/m);
    expect(Object.keys(parsed(sample).services).sort()).toEqual(["db", "redis", "result", "vote", "worker"]);
  });
});

// Valid Compose whose fate depends on the target: parsed without error, then refused (or not) by checkTopology
// with the field and the host it needs. Each case is a file the corpus refused before (tests/compose-corpus).
const web = (body: string, top = "") =>
  `services:\n  web:\n    image: alpine\n${body.replace(/^/gm, "    ")}\n${top}`;

describe("a host port range for one container port (docker-compose-e2e/TestPortRange)", () => {
  const spec = parsed(web('scale: 5\nports: ["6005-6015:80"]'));
  it("is a pool the engine picks from, one port per replica", () => {
    expect(spec.services.web.ports).toEqual([
      { target: 80, published: 6005, publishedEnd: 6015, protocol: "tcp" },
    ]);
    expect(checkTopology(spec, "standalone")).toEqual({});
    const body = containerBody(t, "web", spec.services.web, 1, "h", 1);
    expect(body.HostConfig.PortBindings).toEqual({ "80/tcp": [{ HostIp: "", HostPort: "6005-6015" }] });
  });
  it("is refused when the pool has fewer ports than replicas, and on a Swarm", () => {
    const small = parsed(web('scale: 5\nports: ["6005-6007:80"]'));
    expect(Object.keys(checkTopology(small, "standalone"))).toEqual(["services.web.deploy.replicas"]);
    expect(checkTopology(spec, "swarm")["services.web.ports.0.published"]).toMatch(/no Swarm equivalent/);
  });
  it("still refuses unequal ranges on both sides, as Docker's nat.ParsePortSpec does", () => {
    const r = parseCompose(web('ports: ["6005-6015:80-81"]'));
    expect(r.ok).toBe(false);
  });
  it("reads the long form's range the same way", () => {
    const long = parsed(web("ports:\n  - {target: 80, published: 6005-6015}"));
    expect(long.services.web.ports[0]).toMatchObject({ published: 6005, publishedEnd: 6015 });
  });
});

describe("other valid files", () => {
  it("a file with no services plans its networks and volumes (TestUpWithAllResources)", () => {
    const spec = parsed("volumes:\n  my_vol: {}\nnetworks:\n  my_net: {}\n");
    expect(spec.services).toEqual({});
    expect(checkTopology(spec, "standalone")).toEqual({});
    const plan = computePlan({
      desired: spec,
      actual: { services: {}, networks: {}, volumes: {} },
      mode: "standalone",
    });
    expect(plan.networks).toEqual([{ name: "my_net", action: "create" }]);
    expect(plan.volumes).toEqual([{ name: "my_vol", action: "create" }]);
  });

  it("a constraint Swarm cannot read is ignored on a standalone host and refused on a Swarm (TestDeployPlacement)", () => {
    const spec = parsed(web("deploy:\n  placement:\n    constraints: [node=foo]"));
    expect(checkTopology(spec, "standalone")).toEqual({});
    expect(checkTopology(spec, "swarm")["services.web.deploy.placement.constraints.0"]).toMatch(/== or !=/);
  });

  it("a driver-only secret is a Swarm secret from a plugin (TestSecretDriver)", () => {
    const top = "secrets:\n  s:\n    driver: secret-bucket\n    driver_opts: {OptionA: a}\n";
    const unused = parsed(web("", top));
    expect(unused.secrets?.s).toEqual({ driver: "secret-bucket", driverOpts: { OptionA: "a" } });
    expect(checkTopology(unused, "standalone")).toEqual({}); // declared, used by nobody: nothing to create
    const used = parsed(web("secrets: [s]", top));
    expect(checkTopology(used, "standalone")["secrets.s.driver"]).toMatch(/Swarm secrets plugin/);
    expect(checkTopology(used, "swarm")).toEqual({});
  });

  it("an npipe mount needs a Windows host, on either target (TestNpipeVolume)", () => {
    const spec = parsed(
      web(
        "volumes:\n  - type: npipe\n    source: \\\\.\\pipe\\docker_engine\n    target: \\\\.\\pipe\\docker_engine",
      ),
    );
    expect(spec.services.web.volumes[0]).toMatchObject({
      type: "npipe",
      target: "\\\\.\\pipe\\docker_engine",
    });
    for (const mode of ["standalone", "swarm"] as const)
      expect(checkTopology(spec, mode)["services.web.volumes.0.type"]).toMatch(/Windows Docker host/);
    const swarm = serviceBody({ ...t, mode: "swarm" }, "web", spec.services.web, "h", 1);
    expect(JSON.stringify(swarm)).toContain('"Type":"npipe"');
  });
});
