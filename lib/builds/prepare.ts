import "server-only";
import path from "node:path";
import { errorText, invalid } from "@/lib/api/errors";
import { buildConfig } from "@/lib/builds/config";
import { ContextWriter } from "@/lib/builds/context-writer";
import {
  GIT_UNREACHABLE,
  GitError,
  resolveRemoteRef,
  type GitAccess,
  type GitPin,
} from "@/lib/builds/git-clone";
import { ArchiveError } from "@/lib/builds/safe-path";
import { makeWorkdir, removeWorkdir } from "@/lib/builds/workdir";
import { defaultPort, EgressRefused, resolveEgress, type EgressSubject } from "@/lib/egress/check";
import type { GitSource, InlineSource } from "@/lib/validations/build";
import { checkGitUrl, displayGitUrl, type GitUrlKind } from "@/lib/validations/git-url";
import type { z } from "zod";

export type PreparedSource = {
  workdir: string;
  contextDir: string;
  git?: { access: GitAccess; ref?: string };
  commit: string;
  /** What the build history shows about the source (never credentials). */
  display: Record<string, unknown>;
};

/**
 * Checks a git source before anything is queued: the URL is allowed for this user, the repository
 * answers (with the credentials given, if any) and the ref exists. The clone itself happens when the
 * build runs, into a fresh temporary directory.
 */
export async function prepareGit(
  src: z.infer<typeof GitSource>,
  opts: { allowLocal: boolean; field?: string },
): Promise<PreparedSource> {
  const { access, commit } = await checkGitSource(src, opts);
  const workdir = await makeWorkdir();
  return {
    workdir,
    contextDir: path.join(workdir, "src"),
    git: { access, ref: src.ref },
    commit,
    display: {
      url: displayGitUrl(src.url),
      ref: src.ref ?? "",
      ...(src.username ? { username: src.username } : {}),
    },
  };
}

/** Validates the URL for this user and asks the remote (ls-remote) for the ref; throws 422s naming the field. */
export async function checkGitSource(
  src: z.infer<typeof GitSource>,
  opts: { allowLocal: boolean; field?: string },
): Promise<{ access: GitAccess; commit: string }> {
  const field = opts.field ?? "git";
  const check = checkGitUrl(src.url, { allowLocal: opts.allowLocal });
  if (!check.ok) throw invalid(`${field}.url: ${check.reason}`, { [`${field}.url`]: check.reason });
  if (src.password && check.kind !== "https")
    throw invalid(`${field}.password: credentials are only sent over https`, {
      [`${field}.password`]: "only for https URLs",
    });
  const access: GitAccess = {
    // git gets the URL as the policy read it (WHATWG form: `0x7f.1` becomes `127.0.0.1`), so its host is
    // the one the pin below names, never a spelling that git or curl would resolve on their own.
    url: check.kind === "https" || /^ssh:\/\//i.test(src.url) ? new URL(src.url).href : src.url,
    kind: check.kind,
    username: src.username,
    password: src.password,
    pin: await pinGitHost(src.url, check.kind, { admin: opts.allowLocal }, field),
  };
  let commit: string;
  try {
    commit = await resolveRemoteRef(access, src.ref);
  } catch (err) {
    const message = errorText(err);
    const key = /branch or tag|commit/.test(message) ? `${field}.ref` : `${field}.url`;
    if (err instanceof GitError) throw invalid(`${key}: ${message}`, { [key]: message });
    throw err;
  }
  return { access, commit };
}

/** The URL's host and port, resolved and checked by the egress policy (local repositories have none). */
async function pinGitHost(
  url: string,
  kind: GitUrlKind,
  who: EgressSubject,
  field: string,
): Promise<GitPin | undefined> {
  if (kind === "file") return undefined;
  const scp = /^[^@/]+@([^:/]+):/.exec(url);
  const parsed = scp ? null : new URL(url);
  const host = scp ? scp[1] : parsed!.hostname;
  const port = scp ? 22 : Number(parsed!.port) || defaultPort(parsed!.protocol);
  try {
    return { host: host.replace(/^\[|\]$/g, ""), port, address: await resolveEgress(host, port, who) };
  } catch (err) {
    const message = err instanceof EgressRefused ? err.message : GIT_UNREACHABLE;
    throw invalid(`${field}.url: ${message}`, { [`${field}.url`]: message });
  }
}

/** Writes an inline Dockerfile and its extra files into a temporary context (same path rules as uploads). */
export async function prepareInline(
  src: z.infer<typeof InlineSource>,
  dockerfilePath: string,
): Promise<PreparedSource> {
  const workdir = await makeWorkdir();
  const contextDir = path.join(workdir, "ctx");
  try {
    const { mkdir } = await import("node:fs/promises");
    await mkdir(contextDir);
    const writer = new ContextWriter(contextDir, Math.min(buildConfig.contextMaxBytes, 8 * 1024 * 1024));
    await writer.file(dockerfilePath, src.dockerfile);
    for (const f of src.files) {
      if (f.path === dockerfilePath) throw new ArchiveError(`file "${f.path}" would replace the Dockerfile`);
      await writer.file(f.path, f.content);
    }
  } catch (err) {
    await removeWorkdir(workdir);
    if (err instanceof ArchiveError)
      throw invalid(`inline.files: ${err.message}`, { "inline.files": err.message });
    throw err;
  }
  return {
    workdir,
    contextDir,
    commit: "",
    display: { dockerfileText: src.dockerfile.slice(0, 64 * 1024), files: src.files.map((f) => f.path) },
  };
}
