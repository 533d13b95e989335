import "server-only";
import { execFile } from "node:child_process";
import { buildConfig } from "@/lib/builds/config";
import { isCommitSha, type GitUrlKind } from "@/lib/validations/git-url";

export type GitAccess = {
  url: string;
  kind: GitUrlKind;
  username?: string;
  password?: string;
  /** The address the egress policy checked for the URL's host: git connects there and nowhere else. */
  pin?: GitPin;
};
export type GitPin = { host: string; port: number; address: string };

/** A git failure turned into a sentence a developer can act on (no credentials in it). */
export class GitError extends Error {}

/**
 * git runs with an argument list (never a shell), isolated from the server's own git config
 * (no credential helpers, no url rewriting), prompts off, and only the protocols allowed for this URL.
 * HTTPS credentials travel in the environment (GIT_CONFIG_*), not in argv where `ps` would show them.
 */
function gitEnv(access: GitAccess): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: buildConfig.tmpDir,
    LANG: "C",
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "",
    SSH_ASKPASS: "",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    // The pinned address is an IP from the resolver (no shell metacharacters); git runs this through sh.
    GIT_SSH_COMMAND: `ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new${access.kind === "ssh" && access.pin ? ` -o HostName=${access.pin.address}` : ""}`,
    GIT_SSL_CAINFO: process.env.GIT_SSL_CAINFO,
  };
  if (access.kind === "https" && access.password) {
    const basic = Buffer.from(`${access.username ?? ""}:${access.password}`).toString("base64");
    Object.assign(env, {
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "http.extraHeader",
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    });
  }
  return env as NodeJS.ProcessEnv;
}

function protocolArgs(kind: GitUrlKind, pin?: GitPin): string[] {
  const args = [
    // A redirect could lead anywhere after the policy's check: refuse it (the user gives the final URL).
    "-c",
    "http.followRedirects=false",
    ...(kind === "https" && pin
      ? [
          "-c",
          `http.curloptResolve=${pin.host}:${pin.port}:${pin.address.includes(":") ? `[${pin.address}]` : pin.address}`,
        ]
      : []),
    "-c",
    "protocol.allow=never",
    "-c",
    "protocol.https.allow=always",
    "-c",
    "protocol.ssh.allow=always",
  ];
  if (kind === "file") args.push("-c", "protocol.file.allow=always");
  return [...args, "-c", "core.symlinks=true", "-c", "advice.detachedHead=false"];
}

function git(
  access: GitAccess,
  args: string[],
  opts: { cwd?: string; signal?: AbortSignal } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      [...protocolArgs(access.kind, access.pin), ...args],
      {
        env: gitEnv(access),
        cwd: opts.cwd,
        timeout: buildConfig.gitTimeoutMs,
        maxBuffer: 16 * 1024 * 1024,
        signal: opts.signal,
        killSignal: "SIGKILL",
      },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string };
        if (e.name === "AbortError") return reject(new GitError("cancelled"));
        if (e.killed || e.signal === "SIGKILL")
          return reject(new GitError(`git timed out after ${Math.round(buildConfig.gitTimeoutMs / 1000)} s`));
        reject(new GitError(explainGitFailure(stderr, access)));
      },
    );
  });
}

export function explainGitFailure(stderr: string, access: Pick<GitAccess, "password">): string {
  const s = stderr.replaceAll(access.password || "\0", "***");
  if (
    /could not read (Username|Password)|terminal prompts disabled|Authentication failed|Permission denied \(publickey|HTTP Basic: Access denied|returned error: 40[13]/i.test(
      s,
    )
  ) {
    return access.password
      ? "the repository refused the credentials given"
      : "the repository needs credentials (none were given)";
  }
  if (
    /not found|does not appear to be a git repository|does not exist|returned error: 404|No such file/i.test(
      s,
    )
  )
    return "repository not found";
  if (/transport '.*' not allowed/.test(s)) return "this URL's protocol is not allowed";
  if (/returned error: 30\d|redirect/i.test(s))
    return "the repository answered with a redirect; use the URL it redirects to";
  // Closed, filtered, reset, TLS or not git at all: one answer, so that errors do not map ports.
  return GIT_UNREACHABLE;
}

export const GIT_UNREACHABLE = "cannot reach the repository (or it does not answer like a git server)";

/**
 * Checks that the repository answers with these credentials and resolves the ref to a commit.
 * Returns "" for a commit-looking ref the server does not advertise (it is checked at clone time).
 */
export async function resolveRemoteRef(access: GitAccess, ref: string | undefined): Promise<string> {
  const out = await git(access, ["ls-remote", "--", access.url]);
  const refs = new Map(
    out
      .split("\n")
      .filter(Boolean)
      .map((l) => {
        const [sha, name] = l.split("\t");
        return [name, sha] as const;
      }),
  );
  if (!ref) {
    const head = refs.get("HEAD");
    if (!head) throw new GitError("the repository is empty (no HEAD)");
    return head;
  }
  const sha =
    refs.get(`refs/tags/${ref}^{}`) ?? refs.get(`refs/tags/${ref}`) ?? refs.get(`refs/heads/${ref}`);
  if (sha) return sha;
  if (isCommitSha(ref)) return "";
  throw new GitError(`no branch or tag named "${ref}" in the repository`);
}

/** Clones `ref` (branch, tag or commit) into the empty directory `dir`; returns the checked-out commit. */
export async function cloneRef(
  access: GitAccess,
  ref: string | undefined,
  dir: string,
  signal?: AbortSignal,
): Promise<string> {
  const depth = `--depth=${buildConfig.gitDepth}`;
  const byName = !ref || (await resolveRemoteRef(access, ref)) !== "";
  if (byName) {
    await git(
      access,
      [
        "clone",
        "--quiet",
        depth,
        "--single-branch",
        "--no-tags",
        ...(ref ? ["--branch", ref] : []),
        "--",
        access.url,
        dir,
      ],
      { signal },
    );
  } else {
    await git(access, ["init", "--quiet", "--", dir], { signal });
    // A full SHA can be fetched shallowly where the server allows it; otherwise fetch history and look it up.
    const shallow =
      ref!.length === 40 &&
      (await git(access, ["fetch", "--quiet", depth, "--", access.url, ref!], { cwd: dir, signal }).then(
        () => true,
        () => false,
      ));
    if (!shallow)
      await git(
        access,
        [
          "fetch",
          "--quiet",
          "--",
          access.url,
          "+refs/heads/*:refs/remotes/origin/*",
          "+refs/tags/*:refs/tags/*",
        ],
        { cwd: dir, signal },
      );
    const sha = (
      await git(
        access,
        [
          "rev-parse",
          "--verify",
          "--quiet",
          "--end-of-options",
          shallow ? "FETCH_HEAD^{commit}" : `${ref}^{commit}`,
        ],
        { cwd: dir, signal },
      ).catch(() => "")
    ).trim();
    if (!/^[0-9a-f]{40}$/.test(sha)) throw new GitError(`commit ${ref} not found in the repository`);
    await git(access, ["checkout", "--quiet", "--detach", sha], { cwd: dir, signal });
  }
  return (await git(access, ["rev-parse", "HEAD"], { cwd: dir })).trim();
}
