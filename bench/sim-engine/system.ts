// /_ping headers, /info and /version in the engine's shapes (dockerd 20.10.24, API 1.41).
import { IMAGES, type EngineState } from "./state";
import { rfc3339Nano } from "./time";

export const API_VERSION = "1.41";
export const SERVER_VERSION = "20.10.24";

/** Headers the engine adds to every API response. */
export const COMMON_HEADERS = {
  "Api-Version": API_VERSION,
  "Docker-Experimental": "false",
  Ostype: "linux",
  Server: `Docker/${SERVER_VERSION} (linux)`,
} as const;

/** GET /info with the engine's full key set; counts come from the live state. */
export function info(e: EngineState, listeners: number, nowNs: bigint): object {
  const n = e.counts();
  return {
    ID: e.id,
    Containers: e.containers.length,
    ContainersRunning: n.running,
    ContainersPaused: n.paused,
    ContainersStopped: n.stopped,
    Images: IMAGES.length,
    Driver: "overlay2",
    DriverStatus: [
      ["Backing Filesystem", "extfs"],
      ["Supports d_type", "true"],
      ["Native Overlay Diff", "true"],
      ["userxattr", "false"],
    ],
    Plugins: {
      Volume: ["local"],
      Network: ["bridge", "host", "ipvlan", "macvlan", "null", "overlay"],
      Authorization: null,
      Log: ["json-file", "local", "syslog"],
    },
    MemoryLimit: true,
    SwapLimit: true,
    KernelMemory: true,
    KernelMemoryTCP: true,
    CpuCfsPeriod: true,
    CpuCfsQuota: true,
    CPUShares: true,
    CPUSet: true,
    PidsLimit: true,
    IPv4Forwarding: true,
    BridgeNfIptables: true,
    BridgeNfIp6tables: true,
    Debug: false,
    NFd: 24 + listeners,
    OomKillDisable: true,
    NGoroutines: 40 + listeners,
    SystemTime: rfc3339Nano(nowNs),
    LoggingDriver: "json-file",
    CgroupDriver: "cgroupfs",
    CgroupVersion: "1",
    NEventsListener: listeners,
    KernelVersion: "6.1.0-sim",
    OperatingSystem: "Debian GNU/Linux 12 (bookworm)",
    OSVersion: "12",
    OSType: "linux",
    Architecture: "x86_64",
    IndexServerAddress: "https://index.docker.io/v1/",
    RegistryConfig: {
      AllowNondistributableArtifactsCIDRs: [],
      AllowNondistributableArtifactsHostnames: [],
      InsecureRegistryCIDRs: ["127.0.0.0/8"],
      IndexConfigs: { "docker.io": { Name: "docker.io", Mirrors: [], Secure: true, Official: true } },
      Mirrors: [],
    },
    NCPU: e.ncpu,
    MemTotal: e.memTotal,
    GenericResources: null,
    DockerRootDir: "/var/lib/docker",
    HttpProxy: "",
    HttpsProxy: "",
    NoProxy: "",
    Name: e.name,
    Labels: [],
    ExperimentalBuild: false,
    ServerVersion: SERVER_VERSION,
    Runtimes: { "io.containerd.runc.v2": { path: "runc" }, runc: { path: "runc" } },
    DefaultRuntime: "runc",
    Swarm: {
      NodeID: "",
      NodeAddr: "",
      LocalNodeState: "inactive",
      ControlAvailable: false,
      Error: "",
      RemoteManagers: null,
    },
    LiveRestoreEnabled: false,
    Isolation: "",
    InitBinary: "docker-init",
    ContainerdCommit: { ID: "sim", Expected: "sim" },
    RuncCommit: { ID: "sim", Expected: "sim" },
    InitCommit: { ID: "", Expected: "" },
    SecurityOptions: ["name=seccomp,profile=default"],
    Warnings: null,
  };
}

const details = {
  ApiVersion: API_VERSION,
  Arch: "amd64",
  BuildTime: "2024-01-01T00:00:00.000000000+00:00",
  Experimental: "false",
  GitCommit: "sim",
  GoVersion: "go1.19.8",
  KernelVersion: "6.1.0-sim",
  MinAPIVersion: "1.12",
  Os: "linux",
};

/** GET /version (identical for every simulated engine). */
export const VERSION_JSON = JSON.stringify({
  Platform: { Name: "" },
  Components: [
    { Name: "Engine", Version: SERVER_VERSION, Details: details },
    { Name: "containerd", Version: "1.6.20", Details: { GitCommit: "sim" } },
    { Name: "runc", Version: "1.1.5", Details: { GitCommit: "sim" } },
  ],
  Version: SERVER_VERSION,
  ApiVersion: API_VERSION,
  MinAPIVersion: "1.12",
  GitCommit: "sim",
  GoVersion: "go1.19.8",
  Os: "linux",
  Arch: "amd64",
  KernelVersion: "6.1.0-sim",
  BuildTime: details.BuildTime,
});
