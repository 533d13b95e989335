import { maskEnvEntry, maskInspect } from "@/lib/ops/mask";
import type { ContainerInspectView } from "@/lib/validations/ops-views";
import type Docker from "dockerode";

/** The container page's view model, mapped from the engine's inspect JSON (env values that look secret are masked). */
export function toContainerDetail(
  hostId: string,
  info: Docker.ContainerInspectInfo,
  maskAllEnv = true,
): ContainerInspectView {
  const state = info.State;
  const ports = Object.entries(info.NetworkSettings?.Ports ?? {}).flatMap(([port, binds]) =>
    binds?.length
      ? binds.map((b) => ({ container: port, hostIp: b.HostIp, hostPort: b.HostPort }))
      : [{ container: port, hostIp: "", hostPort: "" }],
  );
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ""),
    hostId,
    image: info.Config.Image,
    imageId: info.Image,
    command: [...(info.Config.Entrypoint ? [info.Config.Entrypoint].flat() : []), ...(info.Config.Cmd ?? [])],
    createdAt: info.Created,
    tty: !!info.Config.Tty,
    state: {
      status: state.Status,
      running: state.Running,
      paused: state.Paused,
      restarting: state.Restarting,
      oomKilled: state.OOMKilled,
      exitCode: state.ExitCode,
      error: state.Error,
      startedAt: state.StartedAt,
      finishedAt: state.FinishedAt,
      health: state.Health
        ? {
            status: state.Health.Status,
            failingStreak: state.Health.FailingStreak,
            lastOutput: state.Health.Log?.at(-1)?.Output?.slice(0, 2000) ?? "",
          }
        : null,
    },
    restartCount: info.RestartCount,
    restartPolicy: info.HostConfig?.RestartPolicy?.Name ?? "",
    env: (info.Config.Env ?? []).map((e) => maskEnvEntry(e, maskAllEnv)),
    ports,
    mounts: (info.Mounts ?? []).map((m) => ({
      type: m.Type,
      source: m.Name ?? m.Source,
      destination: m.Destination,
      mode: m.Mode,
      rw: m.RW,
    })),
    networks: Object.entries(info.NetworkSettings?.Networks ?? {}).map(([name, n]) => ({
      name,
      ipAddress: n.IPAddress,
      aliases: n.Aliases ?? [],
    })),
    labels: info.Config.Labels ?? {},
    memoryLimitBytes: info.HostConfig?.Memory ?? 0,
    nanoCpus: info.HostConfig?.NanoCpus ?? 0,
    raw: maskInspect(info, maskAllEnv),
  };
}
