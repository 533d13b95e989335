import { z } from "zod";
import { list } from "@/lib/openapi/list";
import type { Operation } from "@/lib/openapi/types";
import { AppFromBuildInput, AppView, PlanView } from "@/lib/validations/app";
import {
  AppBuildSourcePut,
  BuildCreateInput,
  BuildListQuery,
  BuildPushInput,
  BuildView,
  HookView,
} from "@/lib/validations/build";
import {
  RegistryCreateInput,
  RegistryListQuery,
  RegistryUpdateInput,
  RegistryView,
} from "@/lib/validations/registry";

export const buildsOperations: Operation[] = [
  {
    method: "get",
    path: "/builds",
    tag: "builds",
    summary: "Builds in the projects you can see, newest first",
    query: BuildListQuery,
    response: list(BuildView),
  },
  {
    method: "post",
    path: "/builds",
    tag: "builds",
    status: 201,
    response: BuildView,
    body: BuildCreateInput,
    summary:
      "Start a build. JSON for git and inline sources; for an uploaded context send multipart/form-data with a `spec` field (the build options as JSON, first) and a `context` file (tar, tar.gz or zip)",
    form: z.object({
      spec: z
        .string()
        .describe("The build options as JSON (the JSON body's fields without `source`); sent first"),
      context: z.file().describe("The build context as tar, tar.gz or zip"),
    }),
  },
  {
    method: "get",
    path: "/builds/{id}",
    tag: "builds",
    summary: "A build: status, queue position, source and commit, result (image id, size, tags)",
    response: BuildView,
  },
  {
    method: "get",
    path: "/builds/{id}/log",
    tag: "builds",
    summary: "The build log as chunked text: what was logged so far, then live output until the build ends",
    contentType: "text/plain",
  },
  {
    method: "post",
    path: "/builds/{id}/cancel",
    tag: "builds",
    summary: "Cancel a queued or running build (the engine stops the running step)",
    response: BuildView,
  },
  {
    method: "post",
    path: "/builds/{id}/push",
    tag: "builds",
    summary: "Push a finished build's tags to one of the tenant's registries",
    body: BuildPushInput,
    response: BuildView,
  },
  {
    method: "post",
    path: "/builds/{id}/app",
    tag: "builds",
    status: 201,
    summary:
      "Deploy this image: create an app (in a project of the build's tenant, on the build's host) running the build's own image, pinned by its engine id; planned and checked like any new app, deployed with POST /apps/{id}/deploy. Developers of the build's tenant only (others: 404)",
    body: AppFromBuildInput,
    response: z.object({ app: AppView, plan: PlanView.nullable() }),
  },
  {
    method: "get",
    path: "/registries",
    tag: "registries",
    summary: "Registries of your tenants (never their passwords)",
    query: RegistryListQuery,
    response: list(RegistryView),
  },
  {
    method: "post",
    path: "/registries",
    tag: "registries",
    summary:
      "Add a registry; the credentials are checked against its /v2/ endpoint first, then stored encrypted",
    body: RegistryCreateInput,
    response: RegistryView,
    status: 201,
  },
  {
    method: "patch",
    path: "/registries/{id}",
    tag: "registries",
    summary:
      "Rename a registry or change its address/credentials (the password is required again when the address or user changes)",
    body: RegistryUpdateInput,
    response: RegistryView,
  },
  {
    method: "delete",
    path: "/registries/{id}",
    tag: "registries",
    summary: "Delete a registry and its stored credentials",
    status: 204,
  },
  {
    method: "post",
    path: "/hooks/{appId}",
    tag: "webhooks",
    public: true,
    status: 202,
    response: z.union([
      z.object({ buildId: z.string() }),
      z.object({ deploying: z.literal(true) }),
      z.object({ duplicate: z.literal(true), deliveryId: z.string() }),
    ]),
    summary:
      "Webhook: rebuild the app's build source and redeploy it, or (an app from a repository) deploy the pushed ref's new commit as a new revision (`{deploying: true}`). Authenticated by an HMAC-SHA256 of the raw body with the app's secret: `X-Hub-Signature-256: sha256=<hex>` (GitHub) or `X-Gitea-Signature: <hex>` (Gitea). A wrong signature is a 401, audited. A delivery whose id (`X-GitHub-Delivery`, `X-Gitea-Delivery`, `X-Gogs-Delivery`, `X-Gitlab-Event-UUID`) was acted on before, by any instance, is answered 200 `{duplicate: true}` and does nothing",
  },
  {
    method: "get",
    path: "/hooks/{appId}",
    tag: "webhooks",
    summary: "An app's build source and webhook URL and secret (developers)",
    response: HookView,
  },
  {
    method: "put",
    path: "/hooks/{appId}",
    tag: "webhooks",
    summary:
      "Set an app's build source (git URL, ref, Dockerfile, service); creates the webhook secret (`rotateSecret: true` makes a new one)",
    body: AppBuildSourcePut,
    response: HookView,
  },
  {
    method: "delete",
    path: "/hooks/{appId}",
    tag: "webhooks",
    summary: "Remove an app's build source and webhook secret",
    status: 204,
  },
];
