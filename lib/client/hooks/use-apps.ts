"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { api, ClientApiError, clientErrorOf } from "@/lib/client/api";
import { readNdjson } from "@/lib/client/stream";
import type { RevisionDiffView } from "@/lib/validations/app";
import { ErrorBody } from "@/lib/validations/common";

// View models as the apps API returns them (lib/validations/app.ts is the source of truth).
export type AppMode = "standalone" | "swarm";
export type AppSummary = {
  id: string;
  projectId: string;
  tenantId: string;
  hostId: string;
  hostName: string;
  name: string;
  mode: AppMode;
  status: string;
  currentRevision: number | null;
  createdAt: string;
  updatedAt: string;
};
export type ReplicaState = {
  /** The container's id (a Swarm task's container), or null before the task has one. */
  id: string | null;
  name: string;
  state: string;
  health: string | null;
  revision: number | null;
  /** Swarm: the node the task runs on (hostname); null on a standalone host. */
  node: string | null;
};
export type ServiceState = {
  name: string;
  image: string;
  desired: number;
  running: number;
  ports: string[];
  /** Swarm `mode: global`: one task per node, no scale control. */
  global: boolean;
  replicas: ReplicaState[];
};
export type AppDetail = AppSummary & {
  /** Where published ports answer; null for a local socket (the console's own host name). */
  hostAddress: string | null;
  source: {
    type: string;
    text: string;
    /** A repository source: where it was read (never credentials). */
    origin?: { url?: string; ref?: string; commit?: string; composeFile: string; overrideFiles: string[] };
  } | null;
  services: ServiceState[];
  engineError: string | null;
};
export type PlanAction = "create" | "update" | "scale" | "remove" | "unchanged";
export type Plan = {
  services: {
    service: string;
    action: PlanAction;
    from: number;
    to: number;
    reasons: string[];
    /** The first container (standalone) or the Swarm service, and the container_name it was given. */
    engineName?: string;
    containerName?: string;
  }[];
  networks: { name: string; action: string }[];
  volumes: { name: string; action: string }[];
  changes: number;
  warnings: string[];
  /** A repository source: the commit planned and what changed against the running revision. */
  commit?: string;
  diff?: SpecChange[];
  usage?: {
    containers: number;
    memoryMb: number;
    cpus: number;
    limits: { containers: number; memoryMb: number; cpus: number };
  };
};
export type Revision = {
  id: string;
  number: number;
  outcome: string;
  message: string;
  createdAt: string;
  finishedAt: string | null;
  createdBy: string | null;
  sourceType: string;
  current: boolean;
};
export type Source =
  | { type: "compose"; compose: string }
  | { type: "image"; image: Record<string, unknown> }
  | { type: "repository"; repository: Record<string, unknown> };
/** A plan of a repository source: per service, what changed against the running revision. */
export type SpecChange = { service: string; change: "added" | "removed" | "changed"; keys: string[] };
export const ProgressLineSchema = z.object({
  type: z.literal("progress"),
  phase: z.string(),
  message: z.string(),
  service: z.string().optional(),
  at: z.string(),
});
export type ProgressLine = z.infer<typeof ProgressLineSchema>;
/** The lines of a streamed deploy: progress, then one result or error; `revoked` when access ends mid-stream. */
const DeployStreamLine = z.discriminatedUnion("type", [
  ProgressLineSchema,
  z.object({ type: z.literal("result"), result: z.unknown() }),
  z.object({ type: z.literal("error"), status: z.number(), error: ErrorBody.shape.error }),
  z.object({ type: z.literal("revoked"), reason: z.string() }),
]);
export type DeployResult = { changed: boolean; revision: number | null; plan: Plan };
export type HostOption = { id: string; name: string; engine: { swarmRole?: string }; tenantIds: string[] };

/** Query keys, rooted at "apps" so one invalidation refreshes every app view. */
export const appKeys = {
  all: ["apps"] as const,
  list: (projectId: string) => ["apps", "project", projectId] as const,
  detail: (id: string) => ["apps", id] as const,
  revisions: (id: string) => ["apps", id, "revisions"] as const,
  compose: (id: string, revision: number) => ["apps", id, "compose", revision] as const,
  revisionDiff: (id: string, revision: number) => ["apps", id, "revisions", revision, "diff"] as const,
};

export const appsQuery = (projectId: string) =>
  queryOptions({
    queryKey: appKeys.list(projectId),
    queryFn: () => api<{ items: AppSummary[] }>(`/projects/${projectId}/apps`).then((r) => r.items),
  });
export const useApps = (projectId: string) => useQuery(appsQuery(projectId));
/** Every app the caller can see, across projects (GET /apps). */
export const allAppsQuery = queryOptions({
  queryKey: [...appKeys.all, "everywhere"],
  queryFn: () => api<{ items: (AppSummary & { projectName: string })[] }>("/apps").then((r) => r.items),
});
/** Replica counts move on their own (restarts, Swarm rescheduling): refreshed every few seconds while the page is open. */
export const useApp = (id: string) =>
  useQuery({
    queryKey: appKeys.detail(id),
    queryFn: () => api<AppDetail>(`/apps/${id}`),
    refetchInterval: 4000,
  });
export const useRevisions = (id: string) =>
  useQuery({
    queryKey: appKeys.revisions(id),
    queryFn: () => api<{ items: Revision[] }>(`/apps/${id}/revisions`).then((r) => r.items),
  });
/** The deployed revision as an effective compose file; fetched only when asked for (`enabled`). */
export const useAppCompose = (id: string, revision: number, enabled: boolean) =>
  useQuery({
    queryKey: appKeys.compose(id, revision),
    queryFn: () => api<{ revision: number; compose: unknown }>(`/apps/${id}/compose`),
    enabled,
  });
/** One revision against the current one (compose, source, changed services, line diff); while `revision` is set. */
export type { RevisionDiffView };
export const useRevisionDiff = (id: string, revision: number | null) =>
  useQuery({
    queryKey: appKeys.revisionDiff(id, revision ?? 0),
    queryFn: () => api<RevisionDiffView>(`/apps/${id}/revisions/${revision}/diff`),
    enabled: revision !== null,
  });
export const useHosts = () =>
  useQuery({
    queryKey: ["hosts", "options"],
    queryFn: () => api<{ items: HostOption[] }>("/hosts").then((r) => r.items),
  });
export const fetchSample = (mode: AppMode) =>
  api<{ name: string; compose: string }>(`/apps/sample?mode=${mode}`);

/**
 * POSTs a deploy, scale or rollback asking for NDJSON progress; calls onLine per progress line and
 * resolves with the result (or throws the API error) from the last line.
 */
export async function streamChange(
  path: string,
  body: unknown,
  onLine: (line: ProgressLine) => void,
): Promise<DeployResult> {
  const res = await fetch(`/api/v1${path}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", accept: "application/x-ndjson" },
    body: JSON.stringify(body),
  });
  if (!res.ok || !res.body) throw await clientErrorOf(res);
  for await (const raw of readNdjson(res.body)) {
    const line = DeployStreamLine.parse(raw);
    if (line.type === "progress") onLine(line);
    else if (line.type === "result") return line.result as DeployResult;
    else if (line.type === "error")
      throw new ClientApiError(line.status, line.error.code, line.error.message, line.error.fields);
    else throw new ClientApiError(401, "unauthorized", `Access was revoked: ${line.reason}`);
  }
  throw new ClientApiError(
    0,
    "error",
    "The connection closed before the deploy finished; reload to see how it ended",
  );
}

export function useAppMutations(projectId?: string) {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: appKeys.all });
  return {
    create: useMutation({
      mutationFn: (body: { name: string; hostId: string; mode: AppMode; source: Source }) =>
        api<{ app: AppSummary; plan: Plan }>(`/projects/${projectId}/apps`, { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    plan: useMutation({
      mutationFn: ({ id, source }: { id: string; source?: Source }) =>
        api<Plan>(`/apps/${id}/plan`, { method: "POST", body: { source } }),
      meta: { silent: true },
    }),
    lifecycle: useMutation({
      mutationFn: ({ id, action }: { id: string; action: "stop" | "start" | "restart" }) =>
        api<AppSummary>(`/apps/${id}/${action}`, { method: "POST" }),
      onSuccess: invalidate,
    }),
    restartService: useMutation({
      mutationFn: ({ id, service }: { id: string; service: string }) =>
        api<AppSummary>(`/apps/${id}/services/${encodeURIComponent(service)}/restart`, { method: "POST" }),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: ({ id, volumes }: { id: string; volumes: boolean }) =>
        api(`/apps/${id}?volumes=${volumes}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
    invalidate,
  };
}
