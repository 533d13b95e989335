// Shapes shared by the planner (pure) and the executors (engine).
import type { AppSpec } from "@/lib/compose/spec";

export type AppMode = "standalone" | "swarm";

/** What the server knows about the app it deploys; ids and slugs come from the database, never from input. */
export type AppTarget = {
  appId: string;
  appName: string;
  tenantId: string;
  tenantSlug: string;
  projectId: string;
  projectSlug: string;
  hostId: string;
  mode: AppMode;
  /** Engine names of the spec's external networks and volumes, resolved from Wharf's records (lib/deploy/externals.ts). */
  externals?: Externals;
};

/** compose name → engine name, per kind. */
export type Externals = { networks: Record<string, string>; volumes: Record<string, string> };

export type ActualReplica = {
  id: string;
  name: string;
  index: number;
  hash: string;
  imageId: string;
  state: string;
  running: boolean;
  health: string | null;
  revision: number | null;
};

export type ActualService = {
  name: string;
  /** Hashes found on the service's replicas (standalone) or on the Swarm service. */
  hashes: string[];
  desired: number;
  running: number;
  replicas: ActualReplica[];
  /** Swarm only. */
  serviceId?: string;
};

export type ActualState = {
  services: Record<string, ActualService>;
  networks: Record<string, { id: string; hash: string }>;
  volumes: Record<string, { name: string }>;
};

export type ServiceAction = "create" | "update" | "scale" | "remove" | "unchanged";
export type ServicePlan = {
  service: string;
  action: ServiceAction;
  from: number;
  to: number;
  reasons: string[];
  /** What the service is called on the engine, and the container_name it was given (an alias on the app's networks). */
  engineName?: string;
  containerName?: string;
};
export type ObjectAction = "create" | "remove" | "unchanged" | "keep" | "external";
export type ObjectPlan = { name: string; action: ObjectAction };

export type Plan = {
  services: ServicePlan[];
  networks: ObjectPlan[];
  volumes: ObjectPlan[];
  /** Number of services, networks and volumes that change; 0 = applying does nothing. */
  changes: number;
  warnings: string[];
  /** Problems that make the plan impossible (e.g. a network whose settings changed), keyed by spec path. */
  errors: Record<string, string>;
};

export type PlanInput = {
  desired: AppSpec;
  actual: ActualState;
  mode: AppMode;
  /** The spec of the revision now running, to say which fields changed. */
  previous?: AppSpec | null;
  /** Standalone: the image id each service's tag resolves to now (a rebuilt tag means "update"). */
  imageIds?: Record<string, string | undefined>;
  /** The engine name a service gets (first replica, or the Swarm service): shown per service. */
  nameOf?: (service: string) => string;
};

export type ProgressPhase =
  | "plan"
  | "building"
  | "pulling"
  | "network"
  | "volume"
  | "creating"
  | "starting"
  | "healthy"
  | "scaling"
  | "removing"
  | "rollback"
  | "failed"
  | "done";
export type ProgressEvent = {
  type: "progress";
  phase: ProgressPhase;
  service?: string;
  message: string;
  at: string;
};
export type Progress = (phase: ProgressPhase, message: string, service?: string) => void;
