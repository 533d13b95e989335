import { useMutation, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { api, ClientApiError, clientErrorOf, qs } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import { useInvalidate } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import { readNdjson } from "@/lib/client/stream";
import {
  AppArchiveView,
  DeployResultView,
  type AppCreateInput,
  type AppDetailView,
  type AppListItemView,
  type AppMode,
  type AppView,
  type CreatedAppView,
  type DeployInProgressView,
  type LastDeployView,
  ProgressLineView,
  type PlanView,
  type RevisionDiffView,
  type RevisionView,
  type ServiceStateView,
} from "@/lib/validations/app";
import type { AppComposeView, LifecycleAction, SampleComposeView } from "@/lib/validations/app";
import { ErrorBody } from "@/lib/validations/common";

/** A replica row of a service on the app page. */
export type ReplicaView = ServiceStateView["replicas"][number];
/**
 * A source as the forms hold it before the check: the image form's values are not yet typed. It is checked with the
 * server's SourceInput (inside AppCreateInput / ApplyInput) before it is sent.
 */
export type SourceDraft =
  | { type: "compose"; compose: string }
  | { type: "image"; image: Record<string, unknown> }
  | { type: "repository"; repository: Record<string, unknown> }
  | { type: "archive"; archive: Record<string, unknown> };

/** Uploads an app's compose folder (POST /projects/{id}/archives); its id goes into an archive source. */
export async function uploadAppArchive(projectId: string, file: File): Promise<AppArchiveView> {
  const form = new FormData();
  form.append("archive", file);
  const res = await fetch(`/api/v1/projects/${projectId}/archives`, {
    method: "POST",
    body: form,
    credentials: "same-origin",
  });
  if (!res.ok) throw await clientErrorOf(res);
  return AppArchiveView.parse(await res.json());
}
export const ProgressLineSchema = ProgressLineView;
export type ProgressLine = z.infer<typeof ProgressLineSchema>;
/** The lines of a streamed deploy: progress, then one result or error; `revoked` when access ends mid-stream. */
const DeployStreamLine = z.discriminatedUnion("type", [
  ProgressLineSchema,
  z.object({ type: z.literal("result"), result: DeployResultView }),
  z.object({ type: z.literal("error"), status: z.number(), error: ErrorBody.shape.error }),
  z.object({ type: z.literal("revoked"), reason: z.string() }),
]);

const root = rootKey("apps");
/** Rooted at "apps", so one invalidation refreshes every app view. */
export const appKeys = {
  all: root(),
  everywhere: (tenantId?: string) => root("everywhere", tenantId ?? "all"),
  list: (projectId: string) => root("project", projectId),
  detail: (id: string) => root(id),
  revisions: (id: string) => root(id, "revisions"),
  compose: (id: string, revision: number) => root(id, "compose", revision),
  variables: (id: string) => root(id, "variables"),
  domains: (id: string) => root(id, "domains"),
  traffic: (id: string) => root(id, "traffic"),
  previews: (id: string) => root(id, "previews"),
  revisionDiff: (id: string, revision: number) => root(id, "revisions", revision, "diff"),
  lastDeploy: (id: string) => root(id, "last-deploy"),
  deployInProgress: (id: string) => root(id, "deploy-progress"),
};

export const appsQuery = (projectId: string) =>
  itemsQuery<AppView>(appKeys.list(projectId), `/projects/${projectId}/apps`);
export const useApps = (projectId: string) => useQuery(appsQuery(projectId));
/** Every app the caller can see across projects (GET /apps), or one tenant's (the tenant context). */
export const allAppsQuery = (tenantId?: string) =>
  itemsQuery<AppListItemView>(appKeys.everywhere(tenantId), `/apps${qs({ tenantId })}`);
/** Replica counts move on their own (restarts, Swarm rescheduling): refreshed every few seconds while the page is open. */
export const useApp = (id: string) =>
  useQuery({
    queryKey: appKeys.detail(id),
    queryFn: () => api<AppDetailView>(`/apps/${id}`),
    refetchInterval: 4000,
  });
export const useRevisions = (id: string) =>
  useQuery(itemsQuery<RevisionView>(appKeys.revisions(id), `/apps/${id}/revisions`));
/** The deployed revision as an effective compose file; fetched only when asked for (`enabled`). */
export const useAppCompose = (id: string, revision: number, enabled: boolean) =>
  useQuery({
    queryKey: appKeys.compose(id, revision),
    queryFn: () => api<AppComposeView>(`/apps/${id}/compose`),
    enabled,
  });
/** One revision against the current one (compose, source, changed services, line diff); while `revision` is set. */
export const useRevisionDiff = (id: string, revision: number | null) =>
  useQuery({
    queryKey: appKeys.revisionDiff(id, revision ?? 0),
    queryFn: () => api<RevisionDiffView>(`/apps/${id}/revisions/${revision}/diff`),
    enabled: revision !== null,
  });
/** The last finished deploy's progress, kept with its revision on the server (GET /apps/{id}/last-deploy). */
export const useLastDeploy = (id: string) =>
  useQuery({
    queryKey: appKeys.lastDeploy(id),
    queryFn: () => api<LastDeployView>(`/apps/${id}/last-deploy`).then((r) => r.lastDeploy),
  });
/** The deploy running now, from any tab or instance (GET /apps/{id}/deploy-progress), polled each second while `on`. */
export const useDeployInProgress = (id: string, on: boolean) =>
  useQuery({
    queryKey: appKeys.deployInProgress(id),
    queryFn: () => api<DeployInProgressView>(`/apps/${id}/deploy-progress`).then((r) => r.deploy),
    enabled: on,
    refetchInterval: on ? 1000 : false,
  });
export const fetchSample = (mode: AppMode) => api<SampleComposeView>(`/apps/sample?mode=${mode}`);

/**
 * POSTs a deploy, scale or rollback asking for NDJSON progress; calls onLine per progress line and
 * resolves with the result (or throws the API error) from the last line.
 */
export async function streamChange(
  path: string,
  body: unknown,
  onLine: (line: ProgressLine) => void,
): Promise<DeployResultView> {
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
    else if (line.type === "result") return line.result;
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
  const invalidate = useInvalidate(appKeys.all);
  return {
    create: useMutation({
      mutationFn: (body: z.input<typeof AppCreateInput>) =>
        api<CreatedAppView>(`/projects/${projectId}/apps`, { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    plan: useMutation({
      mutationFn: ({ id, source }: { id: string; source?: SourceDraft }) =>
        api<PlanView>(`/apps/${id}/plan`, { method: "POST", body: { source } }),
      meta: { silent: true },
    }),
    lifecycle: useMutation({
      mutationFn: ({ id, action }: { id: string; action: LifecycleAction }) =>
        api<AppView>(`/apps/${id}/${action}`, { method: "POST" }),
      onSuccess: invalidate,
    }),
    restartService: useMutation({
      mutationFn: ({ id, service }: { id: string; service: string }) =>
        api<AppView>(`/apps/${id}/services/${encodeURIComponent(service)}/restart`, { method: "POST" }),
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
