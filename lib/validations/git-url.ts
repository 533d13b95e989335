/**
 * Which git URLs a build may clone. Pure (no I/O) so it is unit-tested on its own.
 * https and ssh for everyone; file:// and local paths for admins only. Anything that git could
 * read as an option (`-…`, `--upload-pack`) or as a remote helper (`ext::`, `fd::`) is refused.
 */
export type GitUrlKind = "https" | "ssh" | "file";

export type GitUrlCheck = { ok: true; kind: GitUrlKind } | { ok: false; reason: string };

const SCP_LIKE = /^[A-Za-z0-9][A-Za-z0-9._-]*@[A-Za-z0-9][A-Za-z0-9.-]*:(?!\/\/)(?!-)[^\s]+$/;

export function checkGitUrl(url: string, opts: { allowLocal: boolean }): GitUrlCheck {
  if (!url) return { ok: false, reason: "is required" };
  if (url.startsWith("-")) return { ok: false, reason: "must not start with '-'" };
  if (/[\s\0-\x1f\x7f]/.test(url))
    return { ok: false, reason: "must not contain spaces or control characters" };
  if (/--upload-pack|--receive-pack|--config|--exec/i.test(url))
    return { ok: false, reason: "must not carry git options such as --upload-pack" };
  if (/^[a-z0-9+.-]*::/i.test(url) || url.includes("::"))
    return { ok: false, reason: "remote helpers such as ext:: are not allowed" };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === "https" || scheme === "ssh") {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, reason: "is not a valid URL" };
    }
    if (!parsed.hostname || parsed.hostname.startsWith("-"))
      return { ok: false, reason: "needs a host name" };
    if (scheme === "https" && (parsed.username || parsed.password))
      return { ok: false, reason: "put credentials in the username/password fields, not in the URL" };
    return { ok: true, kind: scheme };
  }
  if (scheme === "file" || (!scheme && (url.startsWith("/") || url.startsWith(".") || url.startsWith("~")))) {
    if (!opts.allowLocal)
      return {
        ok: false,
        reason: "file:// URLs and local paths are for admins only; use an https or ssh URL",
      };
    if (!scheme && !url.startsWith("/")) return { ok: false, reason: "local paths must be absolute" };
    return { ok: true, kind: "file" };
  }
  if (scheme) return { ok: false, reason: `the ${scheme}:// protocol is not allowed; use https or ssh` };
  if (SCP_LIKE.test(url)) return { ok: true, kind: "ssh" };
  return { ok: false, reason: "use an https://, ssh:// or user@host:path URL" };
}

/** What to show of a URL (never credentials). */
export function displayGitUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return url;
  }
}

export const isCommitSha = (ref: string) => /^[0-9a-f]{7,40}$/.test(ref);
