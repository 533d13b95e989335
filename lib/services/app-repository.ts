import "server-only";
// Apps whose compose file lives in a git repository (docs/compose.md, "From a repository or an archive"). The
// repository is checked like any build source (URL rules, egress policy, credentials, ls-remote; lib/builds),
// cloned into a private temporary folder, its compose folder read inside the checkout only
// (lib/compose/folder), and removed after the plan or deploy. The revision records the commit.
import path from "node:path";
import { z } from "zod";
import { type ApiError, invalid } from "@/lib/api/errors";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import type { FolderCheckout } from "@/lib/builds/folder-context";
import { cloneRef, GitError } from "@/lib/builds/git-clone";
import { checkGitSource } from "@/lib/builds/prepare";
import { makeWorkdir, removeWorkdir } from "@/lib/builds/workdir";
import { FolderError, openFolder } from "@/lib/compose/folder/contained";
import { loadComposeFolder } from "@/lib/compose/folder/load";
import { decryptSecret, encryptSecret, randomToken } from "@/lib/crypto";
import { db } from "@/lib/db";
import type { AppVariables } from "@/lib/deploy/app-variables";
import { missingVariablesError, type FolderSource, type ResolvableSource } from "@/lib/deploy/source";
import type { RepositorySourceInput } from "@/lib/validations/app";
import { displayGitUrl } from "@/lib/validations/git-url";

const FIELD = "source.repository";

/**
 * The shortest polling interval a developer may set: WHARF_REPOSITORY_POLL_MIN_SECONDS (default 60, at least 1),
 * so a tenant cannot make Wharf ask a git host every second.
 */
export const pollMinSeconds = Math.max(1, Number(process.env.WHARF_REPOSITORY_POLL_MIN_SECONDS) || 60);

/** A source ready for resolveSource, and the checkout to remove when the plan or deploy is over. */
export type Materialized = {
  source: ResolvableSource;
  checkout: string | null;
  folder: FolderCheckout | null;
};

/** The stored password is reused when the URL is the same and none is given (never sent to another URL). */
async function withStoredPassword(appId: string | null, input: RepositorySourceInput) {
  if (input.password || !appId) return input;
  const stored = await db.appRepository.findUnique({ where: { appId } });
  if (!stored?.passwordEncrypted || stored.url !== input.url) return input;
  return {
    ...input,
    username: input.username ?? (stored.username || undefined),
    password: decryptSecret(stored.passwordEncrypted),
  };
}

/** A folder's refusal as an API error naming the compose field (or the missing variable, for the form). */
export function folderError(err: FolderError, prefix: string): ApiError {
  if (err.variable)
    return missingVariablesError({
      [err.variable]: `${err.field}: ${err.message.slice(err.field.length + 2)}`,
    });
  const field = /^(composeFile|overrideFiles)/.test(err.field)
    ? `${prefix}.${err.field}`
    : `compose.${err.field}`;
  return invalid(err.message, { [field]: err.message.slice(err.field.length + 2) });
}

/**
 * The compose folder at `root` (a checkout or an extracted archive) read as a folder source: which files were read
 * is recorded with `origin`.
 */
export async function readFolder(
  root: string,
  kind: FolderSource["kind"],
  files: { composeFile?: string; overrideFiles?: string[] },
  variables: AppVariables,
  origin: Omit<FolderSource["origin"], "composeFile" | "overrideFiles">,
): Promise<FolderSource> {
  const loaded = await loadComposeFolder(await openFolder(root), {
    composeFile: files.composeFile,
    overrideFiles: files.overrideFiles,
    variables: variables.values,
  });
  return {
    type: "folder",
    kind,
    compose: loaded.text,
    folder: { files: loaded.files },
    dotenv: loaded.dotenv,
    origin: { ...origin, composeFile: loaded.composeFile, overrideFiles: loaded.overrideFiles },
  };
}

/** Clones the repository at its ref and reads its compose folder; the caller removes `checkout`. */
export async function checkoutRepository(
  actor: Actor,
  appId: string | null,
  given: RepositorySourceInput,
  variables: AppVariables,
): Promise<Materialized & { source: FolderSource }> {
  if (given.pollSeconds && given.pollSeconds < pollMinSeconds) {
    const why = `must be 0 (off) or at least ${pollMinSeconds} seconds`;
    throw invalid(`${FIELD}.pollSeconds: ${why}`, { [`${FIELD}.pollSeconds`]: why });
  }
  const input = await withStoredPassword(appId, given);
  const { access } = await checkGitSource(input, { allowLocal: isAdmin(actor), field: FIELD });
  const workdir = await makeWorkdir();
  try {
    const root = path.join(workdir, "src");
    let commit: string;
    try {
      commit = await cloneRef(access, input.ref, root);
    } catch (err) {
      if (err instanceof GitError)
        throw invalid(`${FIELD}.url: ${err.message}`, { [`${FIELD}.url`]: err.message });
      throw err;
    }
    const display = { url: displayGitUrl(input.url), ref: input.ref ?? "" };
    return {
      checkout: workdir,
      folder: { root, kind: "git", commit, display },
      source: await readFolder(root, "repository", input, variables, { ...display, commit }),
    };
  } catch (err) {
    await removeWorkdir(workdir);
    if (err instanceof FolderError) throw folderError(err, FIELD);
    throw err;
  }
}

/**
 * Remembers where an app's repository is (for pushes and polling) after a deploy from it, with the password
 * sealed, and makes the app's webhook secret on first use (the one webhook path: /api/v1/hooks/{appId}).
 */
export async function rememberRepository(
  actor: Actor,
  appId: string,
  given: RepositorySourceInput,
  commit: string,
): Promise<void> {
  const input = await withStoredPassword(appId, given);
  const data = {
    url: input.url,
    ref: input.ref ?? "",
    composeFile: input.composeFile ?? "",
    overrideFiles: input.overrideFiles ? JSON.stringify(input.overrideFiles) : "",
    username: input.username ?? "",
    passwordEncrypted: input.password ? encryptSecret(input.password) : null,
    configuredById: actor.id,
    pollSeconds: input.pollSeconds ?? 0,
    lastCommit: commit,
  };
  await db.appRepository.upsert({ where: { appId }, create: { appId, ...data }, update: data });
  const app = await db.app.findUniqueOrThrow({
    where: { id: appId },
    select: { webhookSecretEncrypted: true },
  });
  if (!app.webhookSecretEncrypted)
    await db.app.update({
      where: { id: appId },
      data: { webhookSecretEncrypted: encryptSecret(randomToken("whk_")) },
    });
}

/** The stored repository as the source a push deploys (the password stays sealed: reused by URL). */
export async function storedRepositorySource(appId: string): Promise<RepositorySourceInput | null> {
  const r = await db.appRepository.findUnique({ where: { appId } });
  if (!r) return null;
  const overrideFiles = r.overrideFiles ? z.array(z.string()).parse(JSON.parse(r.overrideFiles)) : undefined;
  return {
    url: r.url,
    ...(r.ref ? { ref: r.ref } : {}),
    ...(r.composeFile ? { composeFile: r.composeFile } : {}),
    ...(overrideFiles ? { overrideFiles } : {}),
    ...(r.username ? { username: r.username } : {}),
    // A minimum raised since it was set applies from now on.
    pollSeconds: r.pollSeconds > 0 ? Math.max(r.pollSeconds, pollMinSeconds) : 0,
  };
}
