// View models of the operations API (server mappers in lib/docker/*.ts and lib/ops/*.ts are the source of truth).
export type ContainerDetail = {
  id: string;
  name: string;
  hostId: string;
  image: string;
  imageId: string;
  command: string[];
  createdAt: string;
  tty: boolean;
  state: {
    status: string;
    running: boolean;
    paused: boolean;
    restarting: boolean;
    oomKilled: boolean;
    exitCode: number;
    error: string;
    startedAt: string;
    finishedAt: string;
    health: { status: string; failingStreak: number; lastOutput: string } | null;
  };
  restartCount: number;
  restartPolicy: string;
  env: string[];
  ports: { container: string; hostIp: string; hostPort: string }[];
  mounts: { type: string; source: string; destination: string; mode: string; rw: boolean }[];
  networks: { name: string; ipAddress: string; aliases: string[] }[];
  labels: Record<string, string>;
  memoryLimitBytes: number;
  nanoCpus: number;
  raw: unknown;
  tenantId: string | null;
  /** The Wharf app it belongs to (proven labels), for the link back to the app page. */
  appId: string | null;
  can: { operate: boolean; exec: boolean };
};
export type { LogLineView as LogLine, StatsSampleView as StatsSample } from "@/lib/validations/ops";
export type ImageRow = {
  id: string;
  tags: string[];
  sizeBytes: number;
  uniqueBytes: number;
  createdAt: string;
  containers: { id: string; name: string; state: string }[];
  dangling: boolean;
};
export type VolumeRow = {
  name: string;
  driver: string;
  mountpoint: string;
  createdAt: string | null;
  labels: Record<string, string>;
  containers: { id: string; name: string }[];
};
export type NetworkRow = {
  id: string;
  name: string;
  driver: string;
  scope: string;
  subnets: string[];
  internal: boolean;
  labels: Record<string, string>;
  containers: number;
};
type DfPart = { count: number; active: number; sizeBytes: number; reclaimableBytes: number };
export type DiskUsage = { images: DfPart; containers: DfPart; volumes: DfPart; buildCache: DfPart };
export type EngineEvent = {
  time: string;
  type: string;
  action: string;
  id: string;
  name: string;
  attributes: Record<string, string>;
};
// The engine layer's view types, so the two shapes cannot drift (type-only: nothing server-side reaches the bundle).
export type { SwarmNodeView as SwarmNode, SwarmTaskView as SwarmTask } from "@/lib/docker/swarm";
type UsageRow = {
  hostId: string;
  hostName: string;
  id: string;
  name: string;
  cpuPercent: number | null;
  memoryBytes: number;
  memoryLimitBytes: number;
};
export type ClusterHealth = {
  at: string;
  totals: {
    hostsUp: number;
    hostsDown: number;
    cpus: number;
    memTotalBytes: number;
    memoryUsedBytes: number;
    cpuPercent: number;
    memoryPercent: number;
    containersRunning: number;
  };
  hosts: (
    | { id: string; name: string; up: false; error: string }
    | {
        id: string;
        name: string;
        up: true;
        version: string;
        ncpu: number;
        memTotalBytes: number;
        containers: number;
        running: number;
        cpuPercent: number;
        memoryUsedBytes: number;
        memoryPercent: number;
      }
  )[];
  topCpu: UsageRow[];
  topMemory: UsageRow[];
  troubled: {
    hostId: string;
    hostName: string;
    id: string;
    name: string;
    state: string;
    status: string;
    reason: string;
  }[];
  streams: {
    logs: { key: string; listeners: number }[];
    stats: { key: string; listeners: number }[];
    opened: { logs: number; stats: number };
  };
};
