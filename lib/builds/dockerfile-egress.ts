import "server-only";
import { mkdir, mkdtemp, readFile, rename, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildConfig } from "@/lib/builds/config";
import { entryPath } from "@/lib/builds/safe-path";
import { onBuildTriggers } from "@/lib/docker/build";
import { EgressRefused, EgressUnresolved, resolveEgress, type EgressSubject } from "@/lib/egress/check";
import { EgressFetchFailed, egressDownload } from "@/lib/egress/http";
import {
  copyInstruction,
  dockerfileFetches,
  remoteAdds,
  replaceInstructions,
  type RemoteAdd,
} from "@/lib/policy/dockerfile-egress";
import { EGRESS_REFUSED } from "@/lib/policy/egress";
import { registryHostOf } from "@/lib/validations/image-tags";
import type Docker from "dockerode";

/** A Dockerfile asks the engine for something the policy refuses; the message names the line. */
export class DockerfileEgressError extends Error {}

const MAX_DOCKERFILE_BYTES = 1024 * 1024;
const FETCH_TIMEOUT_MS = 120_000;
/** A file name the engine would give the download, and that COPY reads literally (no glob, no variable). */
const PLAIN_NAME = /^[A-Za-z0-9._+@,=~-]+$/;

type Ctx = { contextDir: string; dockerfile: string; signal?: AbortSignal; log: (text: string) => void };

/**
 * For non-admins, before the engine sees the Dockerfile. The engine would fetch `ADD <url>` itself,
 * from the HOST's network, resolving the name again and following redirects wherever they lead — no
 * check of Wharf's could hold for that. So Wharf fetches each URL itself under the egress policy
 * (every redirect hop checked and pinned, lib/egress/http.ts), puts the file in the build context with
 * what `ADD <url>` would give it (mode 0600, the Last-Modified time, the URL's file name, no unpacking)
 * and rewrites the instruction to a `COPY` of that file: the engine fetches nothing.
 * `ONBUILD ADD <url>` (it would run in a later build) and sources with variables are refused. Images
 * are pulled by the engine too: a registry host the policy refuses is refused here.
 */
export async function prepareDockerfileEgress(ctx: Ctx, who: EgressSubject): Promise<void> {
  if (who.admin) return;
  const file = path.join(ctx.contextDir, entryPath(ctx.dockerfile));
  const text = (await readFile(file)).subarray(0, MAX_DOCKERFILE_BYTES).toString("utf8");
  for (const f of dockerfileFetches(text)) {
    const at = `Dockerfile line ${f.line}`;
    if (f.kind === "variable")
      throw new DockerfileEgressError(
        `${at}: "${f.source}" uses a variable; write the source or image literally (ADD of a URL is fetched by Wharf under the egress policy, so it must be known before the build)`,
      );
    if (f.kind === "image") await checkImageHost(f.image, at, who);
  }
  const adds = remoteAdds(text);
  if (adds.length === 0) return;
  const dir = await mkdtemp(path.join(ctx.contextDir, ".wharf-add-"));
  const budget = { left: buildConfig.contextMaxBytes };
  const edits: { line: number; end: number; text: string }[] = [];
  let n = 0;
  for (const add of adds) {
    const sources: string[] = [];
    for (const url of add.urls) {
      const target = path.join(dir, String(n++));
      sources.push(path.relative(ctx.contextDir, await fetchForAdd(add, url, target, budget, ctx, who)));
    }
    const flags = add.flags.filter((f) => !/^--checksum=/i.test(f));
    edits.push({ line: add.line, end: add.end, text: copyInstruction(flags, sources, add.dest) });
  }
  // A fresh file, never written through a link that the context may have put at the Dockerfile's path.
  await rm(file);
  await writeFile(file, replaceInstructions(text, edits), { flag: "wx" });
}

/**
 * A base image's `ONBUILD ADD <url>` runs inside the engine during a build FROM it, where Wharf cannot
 * fetch it first: for non-admins, an image the build reads that carries such a trigger is refused.
 * (Wharf's own builds never make one: `ONBUILD ADD <url>` is refused above; this catches images made
 * elsewhere and pulled.) Run once the images are on the host.
 */
export async function refuseFetchingTriggers(docker: Docker, images: string[], who: EgressSubject) {
  if (who.admin) return;
  for (const image of images) {
    const [f] = dockerfileFetches((await onBuildTriggers(docker, image)).join("\n")).filter(
      (x) => x.kind !== "image",
    );
    if (f)
      throw new DockerfileEgressError(
        `image ${image.slice(0, 200)}: its ONBUILD trigger "ADD ${f.kind === "url" ? shown(f.url) : f.source}" would make the engine fetch it unchecked; ${EGRESS_REFUSED}`,
      );
  }
}

async function checkImageHost(image: string, at: string, who: EgressSubject): Promise<void> {
  const host = registryHostOf(image);
  if (host === "docker.io") return;
  const [name, port] = host.startsWith("[")
    ? [host.slice(0, host.indexOf("]") + 1), host.split("]:")[1]]
    : host.split(":");
  try {
    await resolveEgress(name, Number(port) || 443, who);
  } catch (err) {
    if (err instanceof EgressUnresolved) return; // the engine will fail to pull it, as it would anyway
    if (err instanceof EgressRefused)
      throw new DockerfileEgressError(`${at}: image ${image.slice(0, 200)}: ${EGRESS_REFUSED}`);
    throw err;
  }
}

const safeDecode = (p: string) => {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
};

/** A URL as shown in messages: no credentials, at most 200 characters. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.href.slice(0, 200);
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//").slice(0, 200);
  }
}

/** Fetches one source of a remote ADD into `dir/<file name>`; returns the file's path. */
async function fetchForAdd(
  add: RemoteAdd,
  source: string,
  dir: string,
  budget: { left: number },
  ctx: Ctx,
  who: EgressSubject,
): Promise<string> {
  const at = `Dockerfile line ${add.line}: ADD ${shown(source)}`;
  const fail = (why: string) => new DockerfileEgressError(`${at}: ${why}`);
  const refused = fail(
    `${EGRESS_REFUSED} (COPY the file into the build context instead, or ask an admin to allow-list the address)`,
  );
  if (add.onbuild)
    throw fail(
      `ONBUILD ADD of a URL is not allowed (the later build would fetch it unchecked); ${EGRESS_REFUSED}`,
    );
  if (add.sources.length !== add.urls.length)
    throw fail("write URL sources in an ADD of their own, without local files");
  const flag = add.flags.find((f) => !/^--(chown|checksum)=/i.test(f));
  if (flag) throw fail(`the ${flag.split("=")[0]} flag is not supported with a URL source`);
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw refused;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw refused;
  await mkdir(dir);
  // Downloaded under a fixed name first: a refused address is reported as such whatever its path.
  const download = path.join(dir, ".download");
  let got;
  try {
    got = await egressDownload(url, who, {
      file: download,
      maxBytes: budget.left,
      timeoutMs: FETCH_TIMEOUT_MS,
      signal: ctx.signal,
    });
  } catch (err) {
    if (err instanceof EgressRefused) throw refused;
    if (err instanceof EgressFetchFailed) throw fail(`cannot fetch it (${err.message})`);
    throw fail("cannot fetch it");
  }
  // The engine names the file after the URL's path (the one written, not where redirects led).
  const name = path.posix.basename(safeDecode(url.pathname));
  if (!PLAIN_NAME.test(name) || name === "." || name === "..")
    throw fail(
      "the URL's path must end in a plain file name (letters, digits and . _ - + @ , = ~) that names the file",
    );
  const file = path.join(dir, name);
  await rename(download, file);
  budget.left -= got.bytes;
  const checksum = add.flags.find((f) => /^--checksum=/i.test(f))?.split("=")[1] ?? "";
  if (checksum && checksum.toLowerCase() !== `sha256:${got.sha256}`)
    throw fail(`the file's checksum is sha256:${got.sha256}, not ${checksum.slice(0, 80)}`);
  // As the engine does for ADD <url>: the Last-Modified time, else the epoch.
  const mtime = got.lastModified ?? new Date(0);
  await utimes(file, mtime, mtime);
  ctx.log(
    `[wharf] Fetched ${shown(source)} (${got.bytes} bytes) for line ${add.line}; the engine copies it\n`,
  );
  return file;
}
