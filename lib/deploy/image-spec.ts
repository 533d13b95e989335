// The "from an image" form → AppSpec, so image apps and compose apps share one deployer,
// one planner and one admission check.
import type { AppSpec, ServiceSpec } from "@/lib/compose/spec";
import type { ImageAppInput } from "@/lib/validations/app";

export function imageToSpec(input: ImageAppInput): AppSpec {
  const service: ServiceSpec = {
    image: input.image,
    ...(input.command && input.command.length > 0 ? { command: input.command } : {}),
    environment: input.env,
    ...(input.secretEnv.length ? { secretEnv: input.secretEnv } : {}),
    ports: input.ports.map((p) => ({
      target: p.target,
      protocol: p.protocol,
      ...(p.published ? { published: p.published } : {}),
    })),
    expose: [],
    volumes: input.volumes.map((v) => ({
      type: "volume" as const,
      source: v.name,
      target: v.target,
      readOnly: v.readOnly,
    })),
    networks: ["default"],
    networkAliases: {},
    dependsOn: {},
    restart: input.restart,
    labels: {},
    replicas: input.replicas,
    resources: {
      ...(input.memoryMb ? { memoryBytes: input.memoryMb * 1024 * 1024 } : {}),
      ...(input.cpus ? { nanoCpus: Math.round(input.cpus * 1e9) } : {}),
    },
  };
  if (input.healthcheck) {
    const h = input.healthcheck;
    service.healthcheck = {
      test: ["CMD-SHELL", h.command],
      intervalMs: h.intervalSeconds * 1000,
      timeoutMs: h.timeoutSeconds * 1000,
      retries: h.retries,
      startPeriodMs: h.startPeriodSeconds * 1000,
    };
  }
  const volumes = Object.fromEntries(input.volumes.map((v) => [v.name, {}]));
  return { services: { [input.service]: service }, networks: { default: {} }, volumes };
}
