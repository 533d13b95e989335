// Representative compose keys deployed on the real engine — standalone and on the single-node Swarm —
// then read back from the engine to confirm each took effect (docs/compose.md lists every key).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  deployComposeApp,
  engine,
  objectsWithLabel,
  type TenantSetup,
  startTenantWorld,
} from "../deploy/helpers";
import type { ApiClient } from "../helpers/api-client";

let admin: ApiClient;
let hostId: string;
let t: TenantSetup;
let world: Awaited<ReturnType<typeof startTenantWorld>> | undefined;

beforeAll(async () => {
  world = await startTenantWorld("Keys", { swarm: true });
  ({ admin, hostId, t } = world);
});

afterAll(async () => {
  await world?.stop();
});

const subnet = `10.${200 + Math.floor(Math.random() * 50)}.${Math.floor(Math.random() * 250)}`;

const standaloneCompose = `
name: keys
x-common: &common
  image: redis:alpine
  command: ["sleep", "3600"]
services:
  app:
    <<: *common
    user: "1000:1000"
    working_dir: /tmp
    hostname: apphost
    domainname: example.internal
    stop_signal: SIGINT
    stop_grace_period: 7s
    stdin_open: true
    tty: true
    init: true
    read_only: true
    shm_size: 32m
    pids_limit: 64
    ulimits:
      nofile: {soft: 1024, hard: 2048}
    sysctls:
      net.core.somaxconn: 511
    dns: [9.9.9.9]
    dns_search: [corp.internal]
    extra_hosts: ["db.local=10.0.0.5"]
    group_add: ["1234"]
    cap_drop: [NET_RAW]
    logging:
      driver: json-file
      options: {max-size: 1m, max-file: "2"}
    labels: {com.example.team: web}
    expose: ["7000"]
    mem_limit: 64m
    mem_reservation: 32m
    cpus: 0.25
    container_name: my-app
    links: ["Side:sidekick"]
    environment: {MODE: "\${MODE:-prod}"}
    healthcheck:
      test: ["CMD", "true"]
      interval: 2s
      timeout: 1s
      retries: 2
      start_period: 1s
    networks:
      back:
        ipv4_address: ${subnet}.10
        aliases: [api]
    depends_on:
      Side: {condition: service_started, required: true}
  # A capital, as the spec allows (n8n's initContainer): a lowercase engine name with a hash, the alias as written.
  Side:
    <<: *common
    networks: [back]
networks:
  back:
    ipam:
      config:
        - subnet: ${subnet}.0/24
`;

describe("compose keys on a standalone host", () => {
  it("each key shows up in the container's inspect data", async () => {
    const created = await admin.post(`/projects/${t.projectId}/apps`, {
      name: "keys",
      hostId,
      mode: "standalone",
      source: { type: "compose", compose: standaloneCompose },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const appId = created.body.app.id as string;
    const plan = created.body.plan.services.find((s: { service: string }) => s.service === "app");
    expect(plan).toMatchObject({
      containerName: "my-app",
      engineName: expect.stringMatching(/^wharf_.*_keys_app_1$/),
    });
    const res = await admin.post(`/apps/${appId}/deploy`, {
      source: { type: "compose", compose: standaloneCompose },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    const [c] = await engine.listContainers({
      all: true,
      filters: { label: [`wharf.app=${appId}`, "wharf.service=app"] },
    });
    const i = await engine.getContainer(c.Id).inspect();
    expect(i.Name).toBe(`/${plan.engineName}`);
    expect(i.Config).toMatchObject({
      User: "1000:1000",
      WorkingDir: "/tmp",
      Hostname: "apphost",
      Domainname: "example.internal",
      StopSignal: "SIGINT",
      StopTimeout: 7,
      OpenStdin: true,
      Tty: true,
      Labels: expect.objectContaining({ "com.example.team": "web", "wharf.app": appId }),
    });
    expect(i.Config.Env).toContain("MODE=prod");
    expect(Object.keys(i.Config.ExposedPorts ?? {})).toContain("7000/tcp");
    expect(i.Config.Healthcheck).toMatchObject({
      Test: ["CMD", "true"],
      Interval: 2e9,
      Timeout: 1e9,
      Retries: 2,
      StartPeriod: 1e9,
    });
    expect(i.HostConfig).toMatchObject({
      Init: true,
      ReadonlyRootfs: true,
      ShmSize: 32 * 1024 ** 2,
      PidsLimit: 64,
      Ulimits: [{ Name: "nofile", Soft: 1024, Hard: 2048 }],
      Sysctls: { "net.core.somaxconn": "511" },
      Dns: ["9.9.9.9"],
      DnsSearch: ["corp.internal"],
      ExtraHosts: ["db.local:10.0.0.5"],
      GroupAdd: ["1234"],
      CapDrop: ["NET_RAW"],
      LogConfig: { Type: "json-file", Config: { "max-size": "1m", "max-file": "2" } },
      Memory: 64 * 1024 ** 2,
      MemoryReservation: 32 * 1024 ** 2,
      NanoCpus: 250_000_000,
    });
    const [netName, endpoint] = Object.entries(i.NetworkSettings.Networks)[0];
    expect(netName).toMatch(/_keys_back$/);
    expect(endpoint.IPAMConfig?.IPv4Address).toBe(`${subnet}.10`);
    expect(endpoint.IPAddress).toBe(`${subnet}.10`);
    expect(endpoint.Aliases).toEqual(expect.arrayContaining(["app", "api", "my-app"]));
    // links: Side answers to "sidekick" on the app's network.
    const [side] = await engine.listContainers({
      all: true,
      filters: { label: [`wharf.app=${appId}`, "wharf.service=Side"] },
    });
    expect(side.Names[0]).toMatch(/_keys_side-[0-9a-f]{8}_1$/);
    const sideNet = (await engine.getContainer(side.Id).inspect()).NetworkSettings.Networks[netName];
    expect(sideNet.Aliases).toEqual(expect.arrayContaining(["Side", "sidekick"]));

    const exported = await admin.get(`/apps/${appId}/compose`);
    expect(exported.status).toBe(200);
    expect(exported.body.compose.services.app).toMatchObject({
      user: "1000:1000",
      container_name: "my-app",
      stop_grace_period: "7s",
    });
  });
});

describe("compose keys on the single-node Swarm", () => {
  it("each key shows up in the service spec", async () => {
    // "Web.Front": a capital and a dot, which Swarm service names (DNS name components, case-blind) cannot hold.
    const compose = `
services:
  Web.Front:
    image: redis:alpine
    command: ["sleep", "3600"]
    user: "1000"
    working_dir: /tmp
    hostname: webhost
    stop_signal: SIGINT
    stop_grace_period: 9s
    tty: true
    read_only: true
    dns: [9.9.9.9]
    group_add: ["1234"]
    logging:
      driver: json-file
      options: {max-size: 2m}
    deploy:
      mode: global
      endpoint_mode: dnsrr
      labels: {com.example.tier: front}
      placement:
        constraints: [node.role == manager]
      resources:
        limits: {memory: 64m, pids: 50}
        reservations: {memory: 16m, cpus: "0.1"}
      restart_policy: {condition: on-failure, delay: 3s, max_attempts: 2, window: 20s}
`;
    const appId = await deployComposeApp(admin, t.projectId, {
      name: "swarmkeys",
      hostId,
      mode: "swarm",
      compose,
    });
    const ServiceSpec = z.object({
      Name: z.string(),
      Labels: z.record(z.string(), z.string()),
      Mode: z.unknown(),
      EndpointSpec: z.object({ Mode: z.string() }),
      TaskTemplate: z.object({ ContainerSpec: z.record(z.string(), z.unknown()) }).loose(),
    });
    const [svc] = z
      .array(z.object({ Spec: ServiceSpec }))
      .parse((await objectsWithLabel(`wharf.app=${appId}`)).services);
    const spec = svc.Spec;
    expect(spec.Labels["com.example.tier"]).toBe("front");
    expect(spec.Labels["wharf.service"]).toBe("Web.Front");
    expect(spec.Name).toMatch(/_swarmkeys_web-front-[0-9a-f]{8}$/);
    expect(spec.Mode).toEqual({ Global: {} });
    expect(spec.EndpointSpec.Mode).toBe("dnsrr");
    expect(spec.TaskTemplate.ContainerSpec).toMatchObject({
      User: "1000",
      Dir: "/tmp",
      Hostname: "webhost",
      StopSignal: "SIGINT",
      StopGracePeriod: 9e9,
      TTY: true,
      ReadOnly: true,
      Groups: ["1234"],
      DNSConfig: { Nameservers: ["9.9.9.9"] },
    });
    expect(spec.TaskTemplate).toMatchObject({
      LogDriver: { Name: "json-file", Options: { "max-size": "2m" } },
      Placement: { Constraints: ["node.role == manager"] },
      Resources: {
        Limits: { MemoryBytes: 64 * 1024 ** 2, Pids: 50 },
        Reservations: { MemoryBytes: 16 * 1024 ** 2, NanoCPUs: 1e8 },
      },
      RestartPolicy: { Condition: "on-failure", Delay: 3e9, MaxAttempts: 2, Window: 20e9 },
    });
  });
});
