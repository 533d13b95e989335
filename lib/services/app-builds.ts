import "server-only";
// Compose `build:` at deploy time: each service with a build is built from its git repository through
// the builds module (checked like any git build, queued in the tenant's build queue, recorded as a
// Build linked to the app with its full log), the deploy waits, then runs the image it produced.
// The image is deployed under an immutable tag made from its id (…:id-<12 hex>), so the revision's
// spec names exactly what was built: rollback and scale re-run it without rebuilding. (Every build
// carries its own wharf.build label, so each deploy with build: is a new image and a new revision.)
import { ApiError, errorText, invalid } from "@/lib/api/errors";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import { prepareFolderContext, type FolderCheckout } from "@/lib/builds/folder-context";
import { liveLog } from "@/lib/builds/live-log";
import { prepareGit, type PreparedSource } from "@/lib/builds/prepare";
import { pushTags } from "@/lib/builds/runner";
import { removeWorkdir } from "@/lib/builds/workdir";
import { engineToken } from "@/lib/compose/engine-token";
import { FolderError } from "@/lib/compose/folder/contained";
import type { AppSpec, ServiceSpec } from "@/lib/compose/spec";
import { db } from "@/lib/db";
import { registryForSwarmBuild } from "@/lib/deploy/pull";
import type { Progress } from "@/lib/deploy/types";
import { tagImage } from "@/lib/docker/build";
import { dockerFor } from "@/lib/docker/client";
import { hostConnection } from "@/lib/docker/host-connection";
import { queueBuild } from "@/lib/services/builds";
import { registryHostOf, scopedTag, splitTag } from "@/lib/validations/image-tags";

export type BuildOwner = {
  actor: Actor;
  project: { id: string; tenantId: string; slug: string; tenant: { slug: string } };
  appId: string;
  appName: string;
  hostId: string;
  /** Swarm: built images are pushed to a registry before the services are created, so every node can pull them. */
  mode: "standalone" | "swarm";
  /** The revision that keeps running when a build fails (null: none yet). */
  currentRevision: number | null;
  /** The app's repository checkout or archive for this deploy: `build.folder` contexts are folders of it. */
  folder?: FolderCheckout | null;
};

const REPO_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*){0,3}$/;
const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The name the built image gets before scoping: the service's `image:` (without registry host), else `<app>-<service>`. */
export function buildName(appName: string, service: string, image: string): string {
  if (image) {
    const host = registryHostOf(image);
    const local = (
      host !== "docker.io" && image.startsWith(`${host}/`) ? image.slice(host.length + 1) : image
    ).split("@")[0];
    const { repo, tag } = splitTag(local);
    if (REPO_RE.test(repo) && TAG_RE.test(tag)) return `${repo}:${tag}`;
  }
  // Image names are lowercase: a service name that is not (`Web` beside `web`) gets engineToken's hash, so two
  // services never build into one name.
  return `${`${appName}-${engineToken(service, /^[a-z0-9-]+$/)}`.replace(/-+$/, "")}:latest`;
}

/** git URL/ref checks (who may use which URL, does the repository answer, does the ref exist) with errors on `build.context`. */
async function prepare(o: BuildOwner, name: string, svc: ServiceSpec): Promise<PreparedSource> {
  const field = `services.${name}.build`;
  if (svc.build!.folder) {
    if (!o.folder)
      throw invalid(
        `${field}.context: a folder context is built only in a deploy from the app's repository or archive`,
        {
          [`${field}.context`]: "needs the repository or archive source",
        },
      );
    try {
      return await prepareFolderContext(o.folder, svc.build!.context, `${field}.context`);
    } catch (err) {
      if (err instanceof FolderError)
        throw invalid(err.message, { [err.field]: err.message.slice(err.field.length + 2) });
      throw err;
    }
  }
  try {
    return await prepareGit(
      { url: svc.build!.context, ref: svc.build!.ref },
      { allowLocal: isAdmin(o.actor), field },
    );
  } catch (err) {
    if (!(err instanceof ApiError) || !err.fields) throw err;
    const fields = Object.fromEntries(
      Object.entries(err.fields).map(([k, v]) => [k.replace(/\.(url|ref|password)$/, ".context"), v]),
    );
    throw invalid(
      err.message.replace(/^(services\.[^:]+\.build)\.(url|ref|password):/, "$1.context:"),
      fields,
    );
  }
}

/** Forwards the build log's steps and Wharf's own lines to the deploy's progress; resolves when the build ends. */
function follow(buildId: string, name: string, progress: Progress): Promise<void> {
  const log = liveLog(buildId);
  if (!log) return Promise.resolve();
  let rest = "";
  return new Promise((resolve) => {
    log.follow(
      (text: string) => {
        const lines = (rest + text).split("\n");
        rest = lines.pop() ?? "";
        for (const raw of lines) {
          const line = raw.trim();
          if (/^Step \d+\/\d+ : /.test(line)) progress("building", `building ${name}: ${line}`, name);
          else if (line.startsWith("[wharf] "))
            progress("building", `building ${name}: ${line.slice(8)}`, name);
        }
      },
      () => resolve(),
    );
  });
}

async function buildOne(
  o: BuildOwner,
  name: string,
  svc: ServiceSpec,
  src: PreparedSource,
  registryId: string | null,
  progress: Progress,
): Promise<string> {
  const b = svc.build!;
  const tag = buildName(o.appName, name, svc.image);
  const opts = {
    projectId: o.project.id,
    hostId: o.hostId,
    dockerfile: b.dockerfile,
    buildArgs: b.args,
    secretArgs: [],
    target: b.target,
    tags: [tag],
  };
  const buildId = await queueBuild(o.project, b.folder ? (o.folder?.kind ?? "upload") : "git", opts, src, {
    actor: o.actor,
    userId: o.actor.id,
    appId: o.appId,
  });
  progress("building", `building ${name}: build ${buildId} queued (log on the build page)`, name);
  await follow(buildId, name, progress);
  const row = await db.build.findUniqueOrThrow({
    where: { id: buildId },
    select: { status: true, imageId: true, error: true },
  });
  if (row.status !== "succeeded") {
    const kept = o.currentRevision
      ? `Revision ${o.currentRevision} is still running.`
      : "Nothing was deployed.";
    const why = row.error || row.status;
    throw new ApiError(
      422,
      "deploy_failed",
      `The build of service ${name} failed (build ${buildId}): ${why}. ${kept}`,
      { [`services.${name}.build`]: `build ${buildId} ${row.status}: ${why}` },
    );
  }
  const repo = splitTag(scopedTag(o.project.tenant.slug, o.project.slug, tag)).repo;
  const immutable = `id-${row.imageId.replace(/^sha256:/, "").slice(0, 12)}`;
  await tagImage(dockerFor(await hostConnection(o.hostId)).call, row.imageId, repo, immutable);
  progress("building", `building ${name}: built ${repo}:${immutable} (build ${buildId})`, name);
  if (!registryId) return `${repo}:${immutable}`;
  return pushBuilt(o, name, registryId, row.imageId, `${repo}:${immutable}`, progress);
}

/** Swarm: pushes the built image with the tenant's credentials; the services then name the registry's copy. */
async function pushBuilt(
  o: BuildOwner,
  name: string,
  registryId: string,
  imageId: string,
  local: string,
  progress: Progress,
): Promise<string> {
  const say = (text: string) => {
    for (const line of text.split("\n").filter(Boolean))
      progress("building", `pushing ${name}: ${line.replace(/^\[wharf\] /, "")}`, name);
  };
  try {
    const [remote] = await pushTags(
      { tenantId: o.project.tenantId, hostId: o.hostId, registryId, imageId, names: [local] },
      say,
    );
    return remote;
  } catch (err) {
    const why = errorText(err);
    throw new ApiError(422, "deploy_failed", `The image of service ${name} could not be pushed: ${why}`, {
      [`services.${name}.image`]: why,
    });
  }
}

/** Builds every service that has `build:` (in parallel, within the tenant's build queue) and returns the spec with their images. */
export async function buildServices(o: BuildOwner, spec: AppSpec, progress: Progress): Promise<AppSpec> {
  const names = Object.keys(spec.services).filter((n) => spec.services[n].build);
  // Every source is checked before anything is queued: a bad URL or ref records no build at all.
  const prepared: PreparedSource[] = [];
  const registries: (string | null)[] = [];
  for (const n of names)
    registries.push(
      o.mode === "swarm"
        ? await registryForSwarmBuild(o.project.tenantId, spec.services[n].image, `services.${n}.image`)
        : null,
    );
  try {
    for (const n of names) prepared.push(await prepare(o, n, spec.services[n]));
  } catch (err) {
    await Promise.all(prepared.map((p) => removeWorkdir(p.workdir)));
    throw err;
  }
  const results = await Promise.allSettled(
    names.map((n, i) => buildOne(o, n, spec.services[n], prepared[i], registries[i], progress)),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  const out = structuredClone(spec);
  names.forEach((n, i) => {
    const built = results[i];
    if (built.status === "fulfilled") out.services[n].image = built.value; // none was rejected (thrown above)
    delete out.services[n].build;
  });
  return out;
}
