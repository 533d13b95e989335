// Maps simulator state to the engine's JSON shapes (captured from dockerd 20.10.24, API 1.41):
// same top-level keys, same value types, same field order where cheap.
import { humanDuration, NS_PER_S, rfc3339Nano } from "./time";
import type { Container, EngineState } from "./state";

/** The list's Command: path and args, args containing spaces single-quoted (daemon/list.go). */
function command(cmd: string[]): string {
  return [cmd[0], ...cmd.slice(1).map((a) => (a.includes(" ") ? `'${a}'` : a))].join(" ");
}

function status(c: Container, nowNs: bigint): string {
  const ago = (t: bigint) => humanDuration(Number(nowNs - t) / 1e9);
  switch (c.state) {
    case "running":
      return `Up ${ago(c.startedAt)}`;
    case "paused":
      return `Up ${ago(c.startedAt)} (Paused)`;
    case "restarting":
      return `Restarting (${c.exitCode}) ${ago(c.finishedAt)} ago`;
    case "exited":
      return c.finishedAt === 0n
        ? `Exited (${c.exitCode})`
        : `Exited (${c.exitCode}) ${ago(c.finishedAt)} ago`;
    case "removing":
      return "Removal In Progress";
    case "dead":
      return "Dead";
    default:
      return "Created";
  }
}

function bridge(e: EngineState, c: Container) {
  const up = c.state === "running" || c.state === "paused";
  return {
    IPAMConfig: null,
    Links: null,
    Aliases: null,
    // The engine keeps the network id once the container has been started.
    NetworkID: c.startedAt !== 0n ? e.networkId : "",
    EndpointID: c.endpointId,
    Gateway: up ? "172.17.0.1" : "",
    IPAddress: c.ip,
    IPPrefixLen: up ? 16 : 0,
    IPv6Gateway: "",
    GlobalIPv6Address: "",
    GlobalIPv6PrefixLen: 0,
    MacAddress: c.mac,
    DriverOpts: null,
  };
}

function listPorts(c: Container) {
  // Published ports appear once per host address family, as on a dual-stack engine.
  return c.ports.flatMap((p) =>
    p.pub
      ? [
          { IP: "0.0.0.0", PrivatePort: p.priv, PublicPort: p.pub, Type: p.type },
          { IP: "::", PrivatePort: p.priv, PublicPort: p.pub, Type: p.type },
        ]
      : [],
  );
}

/** One /containers/json entry; everything but Status is cached until the container changes. */
export function listEntry(e: EngineState, c: Container, nowNs: bigint): string {
  if (c.listPre === undefined || c.listPost === undefined) {
    const head = {
      Id: c.id,
      Names: [`/${c.name}`],
      Image: c.image,
      ImageID: c.imageId,
      Command: command(c.cmd),
      Created: Number(c.created / NS_PER_S),
      Ports: listPorts(c),
      Labels: c.labels,
      State: c.state,
    };
    c.listPre = `${JSON.stringify(head).slice(0, -1)},"Status":`;
    c.listPost = `,"HostConfig":{"NetworkMode":"default"},"NetworkSettings":{"Networks":{"bridge":${JSON.stringify(bridge(e, c))}}},"Mounts":[]}`;
  }
  return c.listPre + JSON.stringify(status(c, nowNs)) + c.listPost;
}

export function listJson(e: EngineState, cs: readonly Container[], nowNs: bigint): string {
  return `[${cs.map((c) => listEntry(e, c, nowNs)).join(",")}]`;
}

function portMap(
  c: Container,
  bound: boolean,
): Record<string, Array<{ HostIp: string; HostPort: string }> | null> {
  const out: Record<string, Array<{ HostIp: string; HostPort: string }> | null> = {};
  for (const p of c.ports) {
    out[`${p.priv}/${p.type}`] = bound
      ? p.pub
        ? [
            { HostIp: "0.0.0.0", HostPort: String(p.pub) },
            { HostIp: "::", HostPort: String(p.pub) },
          ]
        : null
      : [{ HostIp: "", HostPort: "" }];
  }
  return out;
}

/** GET /containers/{id}/json. Built per call: inspect is rare compared with list and events. */
export function inspect(e: EngineState, c: Container): object {
  const dir = `/var/lib/docker/containers/${c.id}`;
  const running = c.state === "running" || c.state === "paused" || c.state === "restarting";
  const net = bridge(e, c);
  return {
    Id: c.id,
    Created: rfc3339Nano(c.created),
    Path: c.cmd[0],
    Args: c.cmd.slice(1),
    State: {
      Status: c.state,
      Running: running,
      Paused: c.state === "paused",
      Restarting: c.state === "restarting",
      OOMKilled: c.oomKilled,
      Dead: c.state === "dead",
      Pid: c.pid,
      ExitCode: c.exitCode,
      Error: "",
      StartedAt: rfc3339Nano(c.startedAt),
      FinishedAt: rfc3339Nano(c.finishedAt),
    },
    Image: c.imageId,
    ResolvConfPath: `${dir}/resolv.conf`,
    HostnamePath: `${dir}/hostname`,
    HostsPath: `${dir}/hosts`,
    LogPath: `${dir}/${c.id}-json.log`,
    Name: `/${c.name}`,
    RestartCount: c.restartCount,
    Driver: "overlay2",
    Platform: "linux",
    MountLabel: "",
    ProcessLabel: "",
    AppArmorProfile: "",
    ExecIDs: null,
    HostConfig: {
      Binds: null,
      ContainerIDFile: "",
      LogConfig: { Type: "json-file", Config: {} },
      NetworkMode: "default",
      PortBindings: portMap(c, false),
      RestartPolicy: { Name: "no", MaximumRetryCount: 0 },
      AutoRemove: false,
      VolumeDriver: "",
      VolumesFrom: null,
      CapAdd: null,
      CapDrop: null,
      CgroupnsMode: "host",
      Dns: [],
      DnsOptions: [],
      DnsSearch: [],
      ExtraHosts: null,
      GroupAdd: null,
      IpcMode: "private",
      Cgroup: "",
      Links: null,
      OomScoreAdj: 0,
      PidMode: "",
      Privileged: false,
      PublishAllPorts: false,
      ReadonlyRootfs: false,
      SecurityOpt: null,
      UTSMode: "",
      UsernsMode: "",
      ShmSize: 67108864,
      Runtime: "runc",
      ConsoleSize: [0, 0],
      Isolation: "",
      CpuShares: 0,
      Memory: 0,
      NanoCpus: 0,
      CgroupParent: "",
      BlkioWeight: 0,
      PidsLimit: null,
      Ulimits: [],
    },
    GraphDriver: {
      Data: {
        MergedDir: `/var/lib/docker/overlay2/${c.id}/merged`,
        UpperDir: `/var/lib/docker/overlay2/${c.id}/diff`,
      },
      Name: "overlay2",
    },
    Mounts: [],
    Config: {
      Hostname: c.id.slice(0, 12),
      Domainname: "",
      User: "",
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      ...(c.ports.length
        ? { ExposedPorts: Object.fromEntries(c.ports.map((p) => [`${p.priv}/${p.type}`, {}])) }
        : {}),
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: c.env,
      Cmd: c.cmd,
      Image: c.image,
      Volumes: null,
      WorkingDir: "",
      Entrypoint: null,
      OnBuild: null,
      Labels: c.labels,
    },
    NetworkSettings: {
      Bridge: "",
      SandboxID: running ? c.endpointId.split("").reverse().join("") : "",
      HairpinMode: false,
      LinkLocalIPv6Address: "",
      LinkLocalIPv6PrefixLen: 0,
      Ports: portMap(c, true),
      SandboxKey: running ? `/var/run/docker/netns/${c.endpointId.slice(0, 12)}` : "",
      SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null,
      EndpointID: net.EndpointID,
      Gateway: net.Gateway,
      GlobalIPv6Address: "",
      GlobalIPv6PrefixLen: 0,
      IPAddress: net.IPAddress,
      IPPrefixLen: net.IPPrefixLen,
      IPv6Gateway: "",
      MacAddress: net.MacAddress,
      Networks: { bridge: net },
    },
  };
}

/**
 * GET /containers/{id}/stats?stream=false&one-shot=true, in the engine's shape (captured from dockerd 20.10.24,
 * cgroup v1): counters grow with the time the container has run, at a per-container pace derived from its seq, so two
 * readings give a steady CPU %, memory and I/O rates. A container that is not running reads as zeros, as on the engine.
 */
export function statsJson(c: Container, nowNs: bigint): string {
  const up = c.state === "running" || c.state === "paused";
  const ranS = up ? Number(nowNs - c.startedAt) / 1e9 : 0;
  const pace = 1 + (c.seq % 7); // 1..7: spreads the fleet over a few levels
  const cpuNs = Math.round(ranS * pace * 10_000_000); // pace % of one core
  const systemNs = Math.round(Number(nowNs) * 2); // 2 CPUs' worth of host time
  const mem = up ? pace * 8 * 1024 * 1024 : 0;
  const rx = Math.round(ranS * pace * 1000);
  const io = Math.round(ranS * pace * 512);
  const read = rfc3339Nano(nowNs);
  const doc = {
    read,
    preread: "0001-01-01T00:00:00Z",
    pids_stats: up ? { current: 2 } : {},
    blkio_stats: {
      io_service_bytes_recursive: up
        ? [
            { major: 8, minor: 0, op: "Read", value: io },
            { major: 8, minor: 0, op: "Write", value: io * 2 },
            { major: 8, minor: 0, op: "Sync", value: io },
            { major: 8, minor: 0, op: "Async", value: io * 2 },
            { major: 8, minor: 0, op: "Total", value: io * 3 },
          ]
        : null,
      io_serviced_recursive: null,
      io_queue_recursive: null,
      io_service_time_recursive: null,
      io_wait_time_recursive: null,
      io_merged_recursive: null,
      io_time_recursive: null,
      sectors_recursive: null,
    },
    num_procs: 0,
    storage_stats: {},
    cpu_stats: {
      cpu_usage: {
        total_usage: cpuNs,
        percpu_usage: [Math.floor(cpuNs / 2), Math.ceil(cpuNs / 2)],
        usage_in_kernelmode: Math.floor(cpuNs / 3),
        usage_in_usermode: Math.floor(cpuNs / 2),
      },
      system_cpu_usage: systemNs,
      online_cpus: 2,
      throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
    },
    precpu_stats: {
      cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 },
      throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
    },
    memory_stats: up
      ? {
          usage: mem + 868352,
          max_usage: mem * 2,
          stats: {
            active_anon: mem,
            active_file: 864256,
            cache: 868352,
            inactive_file: 4096,
            mapped_file: 675840,
            pgfault: 2965,
            rss: mem,
            total_cache: 868352,
            total_inactive_file: 4096,
            total_rss: mem,
          },
          limit: 25275973632,
        }
      : {},
    name: `/${c.name}`,
    id: c.id,
    networks: up
      ? {
          eth0: {
            rx_bytes: rx,
            rx_packets: Math.floor(rx / 100),
            rx_errors: 0,
            rx_dropped: 0,
            tx_bytes: Math.floor(rx / 2),
            tx_packets: Math.floor(rx / 200),
            tx_errors: 0,
            tx_dropped: 0,
          },
        }
      : undefined,
  };
  return `${JSON.stringify(doc)}\n`;
}
