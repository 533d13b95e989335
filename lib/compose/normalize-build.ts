// `build:` of a compose service → ServiceSpec.build. The context is a git repository: an https or
// ssh URL for everyone, file:// or an absolute path for admins only (the builds module's URL rules,
// lib/validations/git-url.ts; who may use a local one is decided at admission, not here). A compose-style
// `#ref` picks a branch, tag or commit. Relative paths (`build: ./vote`) mean "the folder next to the
// compose file", which Wharf does not have: refused, with what to write instead.
import { rawOf, toStringMap, warnExtensions, type Ctx, type Raw } from "./normalize-fields";
import { formatPath, type PathSeg } from "./path";
import { REF_RE } from "../validations/build";
import { checkGitUrl } from "../validations/git-url";
import type { BuildSpec } from "./spec";

const DOCKERFILE_RE = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\0\\]{1,255}$/;
const TARGET_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Splits `url#ref` (compose's git context syntax); `#ref:subdir` is refused (no subdirectory contexts yet). */
export function splitContext(context: string): { url: string; ref?: string; error?: string } {
  const hash = context.lastIndexOf("#");
  if (hash < 0) return { url: context };
  const url = context.slice(0, hash);
  const ref = context.slice(hash + 1);
  if (ref.includes(":"))
    return {
      url,
      error:
        "builds start at the repository root — drop the subdirectory after #ref: and set dockerfile: to the Dockerfile's path inside the repository",
    };
  if (!REF_RE.test(ref)) return { url, error: `"#${ref}" is not a branch, tag or commit name` };
  return { url, ref };
}

/** The reason a context is refused whatever the user's role, or null. Local paths pass here (admission decides). */
export function contextProblem(context: string): string | null {
  // Anything that is not a URL, user@host:path or an absolute path is a folder next to the compose file.
  const isUrlLike =
    /^[a-z][a-z0-9+.-]*:\/\//i.test(context) ||
    /^[^/@\s]+@[^/:\s]+:/.test(context) ||
    context.startsWith("/");
  if (!isUrlLike && !context.startsWith("-") && !context.includes("::")) {
    return "a relative path needs a folder next to the compose file, and Wharf has no folder for this app yet (that comes with a repository or archive source) — use a git URL (https://…, ssh://… or user@host:path), or file:// / an absolute path of a repository on the server (admins only)";
  }
  const { url, error } = splitContext(context);
  if (error) return error;
  const check = checkGitUrl(url, { allowLocal: true });
  return check.ok ? null : check.reason;
}

/**
 * A path in the app's own folder (repository or archive source): lib/compose/folder/load.ts has already checked it
 * and rewritten it as `./<path from the root>`.
 */
export const isFolderContext = (context: string) => /^\.\/(?!.*(^|\/)\.\.(\/|$))[^\0\\]*$/.test(context);

/** True when the context names a repository on the server itself (file:// or an absolute path). */
export function isLocalContext(context: string): boolean {
  const check = checkGitUrl(splitContext(context).url, { allowLocal: true });
  return check.ok && check.kind === "file";
}

/** What a build applies; the spec's other build keys (cache_from, ssh, secrets…) are ignored, and said so. */
const APPLIED_BUILD_KEYS = new Set(["context", "dockerfile", "target", "args"]);

function warnIgnoredBuildKeys(ctx: Ctx, raw: Raw, path: PathSeg[]): void {
  for (const key of Object.keys(raw))
    if (!APPLIED_BUILD_KEYS.has(key) && !key.startsWith("x-"))
      ctx.warnings.push(
        `${formatPath([...path, key])}: ignored — Wharf's builds use context, dockerfile, target and args`,
      );
}

export function normalizeBuild(ctx: Ctx, value: unknown, path: PathSeg[]): BuildSpec | undefined {
  const raw: Raw = typeof value === "string" ? { context: value } : (rawOf(value) ?? {});
  const at = typeof value === "string" ? () => path : (k: string) => [...path, k];
  warnExtensions(ctx, raw, path);
  // As in Compose, a build without context builds the compose file's own folder.
  const context = String(raw.context ?? ".").trim() || ".";
  const inFolder = !!ctx.folder && isFolderContext(context);
  const problem = inFolder ? null : contextProblem(context);
  if (problem) ctx.errors.push({ path: at("context"), message: problem });
  const dockerfile = raw.dockerfile === undefined ? "Dockerfile" : String(raw.dockerfile);
  if (!DOCKERFILE_RE.test(dockerfile))
    ctx.errors.push({
      path: at("dockerfile"),
      message: "must be a relative path inside the repository (no '..', no leading '/')",
    });
  const target = raw.target === undefined ? undefined : String(raw.target);
  if (target !== undefined && !TARGET_RE.test(target))
    ctx.errors.push({ path: at("target"), message: "must be a stage name: letters, digits, _ . -" });
  const args = raw.args === undefined ? {} : toStringMap(ctx, raw.args, at("args"), "build arg");
  warnIgnoredBuildKeys(ctx, raw, path);
  if (problem) return undefined;
  if (inFolder) return { context, folder: true, dockerfile, args, ...(target ? { target } : {}) };
  const { url, ref } = splitContext(context);
  return { context: url, ...(ref ? { ref } : {}), dockerfile, args, ...(target ? { target } : {}) };
}
