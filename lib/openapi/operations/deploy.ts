import { z } from "zod";
import { list } from "@/lib/openapi/list";
import type { Operation } from "@/lib/openapi/types";
import {
  AppArchiveView,
  AppCreateInput,
  AppDeleteQuery,
  SampleQuery,
  AppDetailView,
  AppListItemView,
  CreatedAppView,
  DeployResultView,
  AppView,
  ApplyInput,
  PlanView,
  RevisionDiffView,
  RevisionSpecView,
  AppComposeView,
  DeployInProgressView,
  LastDeployView,
  RevisionView,
  RollbackInput,
  ScaleInput,
  ServiceUpdateInput,
  SampleComposeView,
} from "@/lib/validations/app";
import { VariablesInput, VariablesView } from "@/lib/validations/app-variables";
import { TenantScopeQuery } from "@/lib/validations/common";

const streamNote =
  " Send `Accept: application/x-ndjson` for a progress stream (one JSON object per line: progress…, then result or error).";

export const deployOperations: Operation[] = [
  {
    method: "get",
    path: "/projects/{id}/apps",
    tag: "apps",
    summary: "Apps of a project",
    response: list(AppView),
  },
  {
    method: "post",
    path: "/projects/{id}/apps",
    tag: "apps",
    summary:
      "Create an app on a granted host (standalone or Swarm); a source is parsed, admitted and quota-checked, not deployed",
    body: AppCreateInput,
    response: CreatedAppView,
    status: 201,
  },
  {
    method: "post",
    path: "/projects/{id}/archives",
    tag: "apps",
    summary:
      "Upload an app's compose folder as an archive (tar, tar.gz or zip; multipart/form-data with an `archive` file): checked with the build upload's rules and limit (no '..', absolute names, links out, special files or bombs; nothing is kept when refused), then kept 24 hours for sources `{type: \"archive\", archive: {id}}` of apps in this project",
    form: z.object({
      archive: z.file().describe("The folder as tar, tar.gz or zip; its file name's ending names the format"),
    }),
    response: AppArchiveView,
    status: 201,
  },
  {
    method: "get",
    path: "/apps",
    tag: "apps",
    summary: "Every app you can see, across projects (or one tenant's: tenantId)",
    query: TenantScopeQuery,
    response: list(AppListItemView),
  },
  {
    method: "get",
    path: "/apps/sample",
    tag: "apps",
    summary:
      "The voting-app sample compose file (examples/voting-app): docker-compose.yml, or docker-stack.yml with mode=swarm",
    query: SampleQuery,
    response: SampleComposeView,
  },
  {
    method: "get",
    path: "/apps/{id}",
    tag: "apps",
    summary: "An app with its services and replicas as they run now",
    response: AppDetailView,
  },
  {
    method: "delete",
    path: "/apps/{id}",
    tag: "apps",
    summary: "Remove an app: containers or services and networks; named volumes only with volumes=true",
    query: AppDeleteQuery,
  },
  {
    method: "post",
    path: "/apps/{id}/plan",
    tag: "apps",
    summary:
      "Plan: what applying a source (or the current revision) would create, change and remove; 409 quota_exceeded with the numbers",
    body: ApplyInput,
    response: PlanView,
  },
  {
    method: "post",
    path: "/apps/{id}/deploy",
    tag: "apps",
    summary: `Apply a source as a new revision; a failed deploy leaves the previous revision running (422 deploy_failed).${streamNote}`,
    body: ApplyInput,
    response: DeployResultView,
  },
  {
    method: "post",
    path: "/apps/{id}/scale",
    tag: "apps",
    summary: `Set one service's replicas, or several services' at once (\`services\`), as one new revision.${streamNote}`,
    body: ScaleInput,
    response: DeployResultView,
  },
  {
    method: "post",
    path: "/apps/{id}/scale/plan",
    tag: "apps",
    summary: "The plan of a scale (same body as /scale) before it is applied; changes nothing",
    body: ScaleInput,
    response: PlanView,
  },
  {
    method: "post",
    path: "/apps/{id}/rollback",
    tag: "apps",
    summary: `Deploy an earlier revision's spec again, as a new revision.${streamNote}`,
    body: RollbackInput,
    response: DeployResultView,
  },
  {
    method: "patch",
    path: "/apps/{id}/services/{service}",
    tag: "apps",
    summary: `Update one service's fields (AppSpec form) and deploy; admission policy applies.${streamNote}`,
    body: ServiceUpdateInput,
    response: DeployResultView,
  },
  {
    method: "post",
    path: "/apps/{id}/services/{service}/restart",
    tag: "apps",
    summary:
      "Restart one service: its containers in place (standalone) or a forced rolling update (Swarm); 404 for a service the current revision does not declare",
    response: AppView,
  },
  {
    method: "get",
    path: "/apps/{id}/revisions",
    tag: "apps",
    summary: "Revisions, newest first: who, when, outcome",
    response: list(RevisionView),
  },
  {
    method: "get",
    path: "/apps/{id}/last-deploy",
    tag: "apps",
    summary:
      "The last finished deploy's progress lines, kept with its revision (scrubbed of secrets, at most 500 lines / 64 KiB), for anyone who may see the app",
    response: LastDeployView,
  },
  {
    method: "get",
    path: "/apps/{id}/deploy-progress",
    tag: "apps",
    summary:
      "The deploy running now (its unfinished revision) and its progress lines so far, scrubbed, from any instance (written to the revision every second on PostgreSQL); null when none runs",
    response: DeployInProgressView,
  },
  {
    method: "get",
    path: "/apps/{id}/revisions/{number}",
    tag: "apps",
    summary: "One revision's spec and source",
    response: RevisionSpecView,
  },
  {
    method: "get",
    path: "/apps/{id}/revisions/{number}/diff",
    tag: "apps",
    summary:
      "One revision against the current one: its effective compose file and source, the services a rollback to it would add, remove or change, and the line diff current → revision (masked for viewers)",
    response: RevisionDiffView,
  },
  {
    method: "get",
    path: "/apps/{id}/compose",
    tag: "apps",
    summary: "The deployed revision as an effective, normalized compose file (like docker compose config)",
    response: AppComposeView,
  },
  {
    method: "get",
    path: "/apps/{id}/variables",
    tag: "apps",
    summary:
      "The app's variables (${NAME} in its compose files, contents of its secrets/configs); secret values are never returned (null)",
    response: VariablesView,
  },
  {
    method: "put",
    path: "/apps/{id}/variables",
    tag: "apps",
    summary:
      "Replace the app's variables, like a .env file (names left out are deleted; a stored one sent without a value keeps it; secret ones are stored encrypted)",
    body: VariablesInput,
    response: VariablesView,
  },
  {
    method: "patch",
    path: "/apps/{id}/variables",
    tag: "apps",
    summary: "Set some of the app's variables (e.g. those a plan answered 422 missing_variables for)",
    body: VariablesInput,
    response: VariablesView,
  },
  {
    method: "post",
    path: "/apps/{id}/stop",
    tag: "apps",
    summary: "Stop every replica (Swarm: scale to 0)",
    response: AppView,
  },
  {
    method: "post",
    path: "/apps/{id}/start",
    tag: "apps",
    summary: "Start the app again (Swarm: the current revision's replicas)",
    response: AppView,
  },
  {
    method: "post",
    path: "/apps/{id}/restart",
    tag: "apps",
    summary: "Restart every replica (Swarm: forced rolling update)",
    response: AppView,
  },
];
