// Each supported compose syntax form, parsed into the AppSpec.
import { describe, expect, it } from "vitest";
import { serviceDefaults } from "./fixtures/specs";
import { parseCompose } from "./parse";
import type { AppSpec, ServiceSpec } from "./spec";

/** Parse one service `web` (image nginx) with `body` under it; fail loudly on errors. */
function web(body: string, topLevel = ""): { svc: ServiceSpec; spec: AppSpec; warnings: string[] } {
  const lines =
    body.trim() === ""
      ? []
      : body
          .trim()
          .split("\n")
          .map((l) => `    ${l}`);
  const text = ["services:", "  web:", "    image: nginx", ...lines, topLevel].join("\n");
  const r = parseCompose(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { svc: r.spec.services.web, spec: r.spec, warnings: r.warnings };
}

describe("parseCompose: supported forms", () => {
  it("fills defaults for a minimal service and joins it to the default network", () => {
    const { svc, spec } = web("");
    expect(svc).toEqual({ image: "nginx", ...serviceDefaults, networks: ["default"] });
    expect(spec.networks).toEqual({ default: {} });
  });

  it("reads deploy.placement, max_replicas_per_node given as a number or as text (the schema allows both)", () => {
    const placement =
      'deploy:\n  placement:\n    constraints: [" node.role == manager "]\n    preferences: [{spread: node.labels.zone}]';
    expect(web(`${placement}\n    max_replicas_per_node: 2`).svc.placement).toEqual({
      constraints: ["node.role == manager"],
      preferences: ["node.labels.zone"],
      maxReplicasPerNode: 2,
    });
    expect(web(`${placement}\n    max_replicas_per_node: "3"`).svc.placement?.maxReplicasPerNode).toBe(3);
    const r = parseCompose(
      `services:\n  web:\n    image: nginx\n    ${placement.replaceAll("\n", "\n    ")}\n        max_replicas_per_node: "two"`,
    );
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toContain(
      "services.web.deploy.placement.max_replicas_per_node",
    );
  });

  it("reads command and entrypoint as strings or lists", () => {
    expect(web('command: npm run "start prod"\nentrypoint: ["/bin/sh", "-c"]').svc).toMatchObject({
      command: ["npm", "run", "start prod"],
      entrypoint: ["/bin/sh", "-c"],
    });
  });

  it("reads environment as a map, with numbers and booleans as strings", () => {
    expect(web("environment:\n  A: one\n  B: 2\n  C: true\n  D: ''").svc.environment).toEqual({
      A: "one",
      B: "2",
      C: "true",
      D: "",
    });
  });

  it("reads environment as a KEY=VALUE list, keeping '=' inside values", () => {
    expect(web('environment: ["A=one", "URL=x?a=b", "EMPTY="]').svc.environment).toEqual({
      A: "one",
      URL: "x?a=b",
      EMPTY: "",
    });
  });

  it("reads short and long port syntax", () => {
    const { svc } = web(
      'ports:\n  - "8080:80"\n  - 9000\n  - "127.0.0.1:53:53/udp"\n  - {target: 443, published: "8443", host_ip: 0.0.0.0, protocol: TCP}',
    );
    expect(svc.ports).toEqual([
      { target: 80, published: 8080, protocol: "tcp" },
      { target: 9000, protocol: "tcp" },
      { target: 53, published: 53, protocol: "udp", hostIp: "127.0.0.1" },
      { target: 443, published: 8443, protocol: "tcp", hostIp: "0.0.0.0" },
    ]);
  });

  it("reads expose", () => {
    expect(web('expose: ["3000", 4000]').svc.expose).toEqual([
      { target: 3000, protocol: "tcp" },
      { target: 4000, protocol: "tcp" },
    ]);
  });

  it("reads short and long volume syntax and the tmpfs key, tmpfs last", () => {
    const { svc } = web(
      "volumes:\n  - data:/srv:ro\n  - {type: volume, source: data, target: /b, read_only: true}\n  - {type: tmpfs, target: /t, tmpfs: {size: 1g}}\n  - /anon\ntmpfs: /run",
      "volumes:\n  data:",
    );
    expect(svc.volumes).toEqual([
      { type: "volume", source: "data", target: "/srv", readOnly: true },
      { type: "volume", source: "data", target: "/b", readOnly: true },
      { type: "tmpfs", target: "/t", readOnly: false, tmpfsSizeBytes: 1024 ** 3 },
      { type: "volume", target: "/anon", readOnly: false },
      { type: "tmpfs", target: "/run", readOnly: false },
    ]);
  });

  it("reads networks as a list and as a map with aliases", () => {
    expect(web("networks: [front]", "networks:\n  front:").svc).toMatchObject({
      networks: ["front"],
      networkAliases: {},
    });
    const { svc } = web("networks:\n  front:\n    aliases: [www]\n  back:", "networks:\n  front:\n  back:");
    expect(svc).toMatchObject({ networks: ["front", "back"], networkAliases: { front: ["www"] } });
  });

  it("reads top-level networks and volumes with their options", () => {
    const { spec } = web(
      "networks: [back]",
      "networks:\n  back: {driver: bridge, internal: true, attachable: false, labels: [team=a]}\nvolumes:\n  data: {driver: local, driver_opts: {size: 10}, labels: {team: a}}",
    );
    expect(spec.networks).toEqual({
      back: { driver: "bridge", internal: true, attachable: false, labels: { team: "a" } },
    });
    expect(spec.volumes).toEqual({
      data: { driver: "local", driverOpts: { size: "10" }, labels: { team: "a" } },
    });
  });

  it("reads depends_on as a list and as a map with conditions", () => {
    const list = parseCompose("services:\n  a: {image: x, depends_on: [b]}\n  b: {image: y}\n");
    expect(list.ok && list.spec.services.a.dependsOn).toEqual({ b: { condition: "service_started" } });
    const map = parseCompose(
      "services:\n  a:\n    image: x\n    depends_on:\n      b: {condition: service_healthy}\n      c: {condition: service_completed_successfully}\n  b: {image: y}\n  c: {image: z}\n",
    );
    expect(map.ok && map.spec.services.a.dependsOn).toEqual({
      b: { condition: "service_healthy" },
      c: { condition: "service_completed_successfully" },
    });
  });

  it("reads healthchecks: string test, list test, defaults, and disabling", () => {
    expect(
      web("healthcheck:\n  test: curl -f http://localhost\n  interval: 1m30s\n  start_period: 500ms").svc
        .healthcheck,
    ).toEqual({
      test: ["CMD-SHELL", "curl -f http://localhost"],
      intervalMs: 90_000,
      timeoutMs: 30_000,
      retries: 3,
      startPeriodMs: 500,
    });
    expect(web("healthcheck:\n  interval: 10s").svc.healthcheck).toMatchObject({
      test: [],
      intervalMs: 10_000,
    });
    expect(web("healthcheck:\n  disable: true").svc.healthcheck).toEqual({ disabled: true });
    expect(web('healthcheck:\n  test: ["NONE"]').svc.healthcheck).toEqual({ disabled: true });
  });

  it.each([
    ["restart: always", { restart: "always" }],
    ["restart: unless-stopped", { restart: "unless-stopped" }],
    ["restart: on-failure:3", { restart: "on-failure", restartMaxRetries: 3 }],
    ["deploy:\n  restart_policy: {condition: any}", { restart: "always" }],
    ["deploy:\n  restart_policy: {condition: none}", { restart: "no", swarmRestartNone: true }],
    [
      "deploy:\n  restart_policy: {condition: on-failure, max_attempts: 5}",
      { restart: "on-failure", restartMaxRetries: 5 },
    ],
    ["restart: always\ndeploy:\n  restart_policy: {condition: any}", { restart: "always" }],
  ])("maps %j to the restart policy", (body, expected) => expect(web(body).svc).toMatchObject(expected));

  it("reads labels as a map and as a list", () => {
    expect(web("labels:\n  com.example.team: web").svc.labels).toEqual({ "com.example.team": "web" });
    expect(web('labels: ["a=1", "b=x=y"]').svc.labels).toEqual({ a: "1", b: "x=y" });
  });

  it("fills an environment entry without a value from the app's variables, never the server's, else leaves it out", () => {
    process.env.WHARF_TEST_LEAK = "leaked";
    const text = "services:\n  web:\n    image: x\n    environment: [TOKEN, WHARF_TEST_LEAK]\n";
    const r = parseCompose(text, { variables: { TOKEN: "abc" } });
    delete process.env.WHARF_TEST_LEAK;
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.spec.services.web.environment).toEqual({ TOKEN: "abc" });
    expect(r.warnings.join("\n")).toMatch(/WHARF_TEST_LEAK is not among the app's variables/);
  });

  it("reads deploy replicas, resource limits, update and rollback config", () => {
    const { svc } = web(
      "deploy:\n  replicas: 3\n  resources:\n    limits: {cpus: '0.5', memory: 512M}\n  update_config: {parallelism: 2, delay: 10s, order: start-first, failure_action: rollback}\n  rollback_config: {parallelism: 0}",
    );
    expect(svc).toMatchObject({
      replicas: 3,
      resources: { nanoCpus: 500_000_000, memoryBytes: 512 * 1024 ** 2 },
      updateConfig: { parallelism: 2, delayMs: 10_000, order: "start-first", failureAction: "rollback" },
      rollbackConfig: { parallelism: 0, delayMs: 0, order: "stop-first", failureAction: "pause" },
    });
    expect(web("deploy:\n  replicas: 0").svc.replicas).toBe(0);
    expect(web("mem_limit: 1048576\ndeploy:\n  resources:\n    limits: {cpus: 2}").svc.resources).toEqual({
      memoryBytes: 1048576,
      nanoCpus: 2e9,
    });
  });

  it("carries privileged and host-ish fields through for the admission policy", () => {
    const { svc } = web(
      "privileged: true\ncap_add: [NET_ADMIN]\ndevices: [/dev/fuse]\nnetwork_mode: host\npid: host\nipc: host\nuts: host\ncgroup: host\nuserns_mode: host\nsecurity_opt: [seccomp=unconfined]\nsysctls: [net.ipv4.ip_forward=1]\nvolumes_from: [x]\ncgroup_parent: p\nruntime: nvidia\ndevice_cgroup_rules: ['c 1:3 mr']\nextra_hosts: {db: 10.0.0.1}\ninit: true",
    );
    expect(svc).toMatchObject({
      privileged: true,
      capAdd: ["NET_ADMIN"],
      devices: ["/dev/fuse"],
      networkMode: "host",
      pid: "host",
      ipc: "host",
      uts: "host",
      cgroup: "host",
      usernsMode: "host",
      securityOpt: ["seccomp=unconfined"],
      sysctls: { "net.ipv4.ip_forward": "1" },
      volumesFrom: ["x"],
      cgroupParent: "p",
      runtime: "nvidia",
      deviceCgroupRules: ["c 1:3 mr"],
      extraHosts: ["db:10.0.0.1"],
      init: true,
      networks: [],
    });
  });

  it("keeps the top-level name, warns about version and x- extensions, and supports anchors with merge keys", () => {
    const r = parseCompose(
      'version: "3.9"\nname: shop\nx-common: &common\n  restart: always\n  labels: {tier: web}\nservices:\n  web:\n    <<: *common\n    image: nginx\n    x-note: hi\n',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.name).toBe("shop");
    expect(r.spec.services.web).toMatchObject({ restart: "always", labels: { tier: "web" } });
    expect(r.warnings).toEqual([
      "x-common: extension field ignored",
      "version: is obsolete and ignored",
      "services.web.x-note: extension field ignored",
    ]);
  });

  it("interpolates ${VAR:-default} and caller-supplied variables, never the host environment", () => {
    process.env.WHARF_TAG = "from-host";
    try {
      const r = parseCompose(
        "services:\n  web:\n    image: nginx:${WHARF_TAG:-stable}\n    command: echo $$HOME ${GREETING}\n",
        {
          variables: { GREETING: "hello" },
        },
      );
      expect(r.ok && r.spec.services.web).toMatchObject({
        image: "nginx:stable",
        command: ["echo", "$HOME", "hello"],
      });
    } finally {
      delete process.env.WHARF_TAG;
    }
  });
});
