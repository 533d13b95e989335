import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { z } from "zod";
import { errorText, notFound } from "@/lib/api/errors";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import { requireTenantRole } from "@/lib/authz";
import { checkGitSource, prepareGit } from "@/lib/builds/prepare";
import { assertRegistryInTenant } from "@/lib/builds/registry-credentials";
import { decryptSecret, encryptSecret, randomToken, safeEqual } from "@/lib/crypto";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { handlePullEvent } from "@/lib/services/app-previews";
import { deployRepositoryHead } from "@/lib/services/app-push";
import { redeployBuiltImage } from "@/lib/services/apps";
import { queueBuild } from "@/lib/services/builds";
import { deliveryId, firstDelivery, forgetDelivery } from "@/lib/services/webhook-deliveries";
import { AppBuildSourceInput, type HookView } from "@/lib/validations/build";
import { checkGitUrl } from "@/lib/validations/git-url";
import { readPullEvent } from "@/lib/validations/preview";

/** What App.buildSource holds (JSON): the git source (password encrypted), build options, and who configured it. */
const StoredSource = AppBuildSourceInput.omit({ git: true }).extend({
  git: z.object({
    url: z.string(),
    ref: z.string().optional(),
    username: z.string().optional(),
    passwordEncrypted: z.string().optional(),
  }),
  configuredById: z.string(),
});
type StoredSource = z.infer<typeof StoredSource>;
/** The one place App.buildSource is read. */
export const storedSource = (stored: Prisma.JsonValue | null): StoredSource | null =>
  stored === null ? null : StoredSource.parse(stored);
const PushEvent = z.object({ ref: z.unknown() });

const appSelect = {
  id: true,
  name: true,
  hostId: true,
  buildSource: true,
  project: { select: { id: true, slug: true, tenantId: true, tenant: { select: { slug: true } } } },
} as const;

async function loadApp(actor: Actor, appId: string, min: "viewer" | "developer") {
  const app = await db.app.findUnique({ where: { id: appId }, select: appSelect });
  if (!app) throw notFound("App");
  requireTenantRole(actor, app.project.tenantId, min, "App");
  return app;
}

const hookUrl = (appId: string) => `/api/v1/hooks/${appId}`;

function toView(appId: string, stored: StoredSource | null, secret: string | null): HookView {
  if (!stored) return { appId, configured: false, url: hookUrl(appId), secret, source: null };
  const { passwordEncrypted, ...git } = stored.git;
  return {
    appId,
    configured: true,
    url: hookUrl(appId),
    secret,
    source: { ...stored, git: { ...git, hasPassword: !!passwordEncrypted } },
  };
}

/** The app's build source and webhook secret (developers of the app's tenant need it to set up the hook). */
export async function getAppBuildSource(actor: Actor, appId: string): Promise<HookView> {
  await loadApp(actor, appId, "developer");
  const row = await db.app.findUniqueOrThrow({
    where: { id: appId },
    select: {
      buildSource: true,
      webhookSecretEncrypted: true,
      repository: {
        select: {
          url: true,
          ref: true,
          composeFile: true,
          pollSeconds: true,
          lastCommit: true,
          lastPolledAt: true,
          username: true,
        },
      },
    },
  });
  // The secret exists once a build source or a repository source is set: the same webhook serves both.
  return {
    ...toView(
      appId,
      storedSource(row.buildSource),
      row.webhookSecretEncrypted ? decryptSecret(row.webhookSecretEncrypted) : null,
    ),
    repository: row.repository && {
      ...row.repository,
      lastPolledAt: row.repository.lastPolledAt?.toISOString() ?? null,
    },
  };
}

/** Sets the build source after checking the repository answers; a webhook secret is made on first use (or on `rotate`). */
export async function setAppBuildSource(
  actor: Actor,
  appId: string,
  input: z.infer<typeof AppBuildSourceInput>,
  rotate = false,
) {
  const app = await loadApp(actor, appId, "developer");
  // A stored token is kept when the URL stays the same and no new one is given.
  const previous = storedSource(app.buildSource);
  const kept =
    !input.git.password && previous?.git.passwordEncrypted && previous.git.url === input.git.url
      ? previous.git.passwordEncrypted
      : undefined;
  if (kept)
    input = {
      ...input,
      git: {
        ...input.git,
        username: input.git.username ?? previous?.git.username,
        password: decryptSecret(kept),
      },
    };
  await checkGitSource(input.git, { allowLocal: isAdmin(actor), field: "git" });
  if (input.registryId) await assertRegistryInTenant(app.project.tenantId, input.registryId);
  const { password, ...git } = input.git;
  const stored: StoredSource = {
    ...input,
    git: { ...git, ...(password ? { passwordEncrypted: encryptSecret(password) } : {}) },
    configuredById: actor.id,
  };
  const row = await db.app.findUniqueOrThrow({
    where: { id: appId },
    select: { webhookSecretEncrypted: true },
  });
  const secret =
    !row.webhookSecretEncrypted || rotate ? randomToken("whk_") : decryptSecret(row.webhookSecretEncrypted);
  await db.app.update({
    where: { id: appId },
    data: { buildSource: stored, webhookSecretEncrypted: encryptSecret(secret) },
  });
  return { ...toView(appId, stored, secret), tenantId: app.project.tenantId };
}

export async function clearAppBuildSource(actor: Actor, appId: string) {
  const app = await loadApp(actor, appId, "developer");
  await db.app.update({
    where: { id: appId },
    data: { buildSource: Prisma.DbNull, webhookSecretEncrypted: null },
  });
  return { tenantId: app.project.tenantId };
}

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex>`; Gitea/Gogs: `X-Gitea-Signature: <hex>`, HMAC-SHA256 of the raw body.
 * GitLab signs nothing: its `X-Gitlab-Token` header is the secret itself (compared in constant time).
 */
export function signatureValid(secret: string, body: Buffer, headers: Headers): boolean {
  const token = headers.get("x-gitlab-token");
  if (token !== null && !headers.get("x-hub-signature-256") && !headers.get("x-gitea-signature")) {
    const digest = (v: string) => createHmac("sha256", "cmp").update(v).digest("hex");
    return token.length > 0 && safeEqual(digest(token), digest(secret));
  }
  const expected = createHmac("sha256", secret).update(body).digest("hex");
  const github = headers.get("x-hub-signature-256");
  const given = github?.startsWith("sha256=")
    ? github.slice(7)
    : (headers.get("x-gitea-signature") ?? headers.get("x-gogs-signature") ?? "");
  // Compare fixed-length digests so the comparison time says nothing about the given value.
  const a = createHmac("sha256", "cmp").update(given.trim().toLowerCase()).digest("hex");
  const b = createHmac("sha256", "cmp").update(expected).digest("hex");
  return given.length > 0 && safeEqual(a, b);
}

export type WebhookOutcome =
  | { kind: "unknown" }
  | { kind: "denied"; tenantId: string; reason: string }
  | { kind: "ignored"; tenantId: string; reason: string }
  | { kind: "queued"; tenantId: string; buildId: string }
  | { kind: "deploying"; tenantId: string }
  | { kind: "duplicate"; tenantId: string; deliveryId: string };

/** Verifies the signature, then rebuilds the app's source and (on success) redeploys it as a new revision. */
export async function handleWebhook(appId: string, body: Buffer, headers: Headers): Promise<WebhookOutcome> {
  const app = await hookedApp(appId);
  if ((!app?.buildSource && !app?.repository) || !app.webhookSecretEncrypted) return { kind: "unknown" };
  const tenantId = app.project.tenantId;
  if (!signatureValid(decryptSecret(app.webhookSecretEncrypted), body, headers)) {
    return {
      kind: "denied",
      tenantId,
      reason:
        headers.get("x-hub-signature-256") ||
        headers.get("x-gitea-signature") ||
        headers.get("x-gitlab-token")
          ? "signature does not match"
          : "no signature header",
    };
  }
  const delivery = deliveryId(headers);
  if (delivery && !(await firstDelivery(appId, delivery)))
    return { kind: "duplicate", tenantId, deliveryId: delivery };
  try {
    return await actOnWebhook(app, tenantId, body, headers);
  } catch (err) {
    if (delivery) await forgetDelivery(appId, delivery);
    throw err;
  }
}

type HookedApp = NonNullable<Awaited<ReturnType<typeof hookedApp>>>;
const hookedApp = (appId: string) =>
  db.app.findUnique({
    where: { id: appId },
    select: {
      ...appSelect,
      webhookSecretEncrypted: true,
      previewsEnabled: true,
      repository: { select: { ref: true } },
    },
  });

/** A signed, first delivery: rebuild the app's source, or deploy its repository's pushed ref. */
async function actOnWebhook(
  app: HookedApp,
  tenantId: string,
  body: Buffer,
  headers: Headers,
): Promise<WebhookOutcome> {
  const appId = app.id;
  if (headers.get("x-github-event") === "ping") return { kind: "ignored", tenantId, reason: "ping" };
  // A pull/merge request: its preview, never a deploy of the app itself (lib/services/app-previews.ts).
  const pull = readPullEvent(headers, body);
  if (pull) {
    if ("ignored" in pull) return { kind: "ignored", tenantId, reason: pull.ignored };
    const done = await handlePullEvent(app, pull.event);
    return done.kind === "ignored"
      ? { kind: "ignored", tenantId, reason: done.reason }
      : { kind: "deploying", tenantId };
  }
  const pushedRef = readPushedRef(body);
  const otherRef = (ref: string | undefined) =>
    pushedRef && ref && pushedRef !== `refs/heads/${ref}` && pushedRef !== `refs/tags/${ref}`;
  // An app from a repository: the push deploys the ref's new commit as a new revision (lib/services/app-push.ts).
  if (app.repository) {
    if (otherRef(app.repository.ref))
      return {
        kind: "ignored",
        tenantId,
        reason: `push to ${pushedRef}, the app follows ${app.repository.ref}`,
      };
    void deployRepositoryHead(appId, "webhook push").catch((err: unknown) =>
      console.error(`[wharf] webhook deploy of app ${appId} failed: ${errorText(err)}`),
    );
    return { kind: "deploying", tenantId };
  }
  const stored = storedSource(app.buildSource);
  if (!stored) return { kind: "unknown" };
  if (otherRef(stored.git.ref)) {
    return { kind: "ignored", tenantId, reason: `push to ${pushedRef}, the app builds ${stored.git.ref}` };
  }
  // Local repositories stay an admin privilege: checked against whoever configured the source, as they are now.
  const configurer = await db.user.findUnique({
    where: { id: stored.configuredById },
    select: { globalRole: true, disabled: true },
  });
  const allowLocal = configurer?.globalRole === "admin" && !configurer.disabled;
  if (!checkGitUrl(stored.git.url, { allowLocal }).ok)
    return {
      kind: "denied",
      tenantId,
      reason: "the build source's URL is no longer allowed for whoever configured it",
    };
  const password = stored.git.passwordEncrypted ? decryptSecret(stored.git.passwordEncrypted) : undefined;
  const src = await prepareGit(
    { url: stored.git.url, ref: stored.git.ref, username: stored.git.username, password },
    { allowLocal },
  );
  const unique = `${app.name}:wh-${randomBytes(4).toString("hex")}`;
  const tags = [unique, ...(stored.tag ? [stored.tag] : [])];
  const opts = {
    projectId: app.project.id,
    hostId: app.hostId,
    dockerfile: stored.dockerfile,
    buildArgs: stored.buildArgs,
    secretArgs: [],
    target: stored.target,
    tags,
    registryId: stored.registryId,
  };
  let buildId = "";
  buildId = await queueBuild(app.project, "git", opts, src, {
    actor: null,
    admin: allowLocal,
    userId: stored.configuredById,
    appId,
    afterSuccess: async (result, log) => {
      const build = await db.build.findUniqueOrThrow({ where: { id: buildId }, select: { commit: true } });
      await redeployBuiltImage(
        appId,
        result.tags[0],
        { buildId, commit: build.commit, service: stored.service, userId: stored.configuredById },
        log,
      );
    },
  });
  return { kind: "queued", tenantId, buildId };
}

function readPushedRef(body: Buffer): string | null {
  try {
    const ref = PushEvent.parse(JSON.parse(body.toString("utf8"))).ref;
    return typeof ref === "string" && ref.startsWith("refs/") ? ref : null;
  } catch {
    return null;
  }
}
