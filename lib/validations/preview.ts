import { z } from "zod";
import { REF_RE } from "./build";

// Pull/merge request webhooks (docs/edge.md "Preview environments"): GitHub's `pull_request` event and GitLab's
// `Merge Request Hook`, read into one shape. Nothing from the payload is used unchecked: the number is a
// positive integer, the branch must be a plain git ref name (REF_RE: no `..`, no spaces, no `;`, no newline,
// not starting with `-`), the head commit 40 hex digits. The repository URL is never taken from the payload.

export type PullEvent = {
  action: "open" | "update" | "close";
  number: number;
  branch: string;
  headSha: string;
  /** The head branch lives in another repository (a fork): no secret variables until a developer approves. */
  fromFork: boolean;
};

const Number_ = z.number().int().min(1).max(1_000_000_000);
const Sha = z.string().regex(/^[0-9a-f]{40}$/);

const GitHubPull = z.object({
  action: z.string(),
  number: Number_,
  pull_request: z.object({
    head: z.object({ ref: z.string(), sha: Sha, repo: z.object({ full_name: z.string() }).nullable() }),
    base: z.object({ repo: z.object({ full_name: z.string() }) }),
  }),
});

const GitLabMerge = z.object({
  object_kind: z.literal("merge_request"),
  object_attributes: z.object({
    iid: Number_,
    action: z.string().optional(),
    source_branch: z.string(),
    source_project_id: z.number().nullable().optional(),
    target_project_id: z.number(),
    last_commit: z.object({ id: Sha }),
  }),
});

const GITHUB_ACTIONS: Record<string, PullEvent["action"]> = {
  opened: "open",
  reopened: "open",
  synchronize: "update",
  closed: "close",
};
const GITLAB_ACTIONS: Record<string, PullEvent["action"]> = {
  open: "open",
  reopen: "open",
  update: "update",
  close: "close",
  merge: "close",
};

export type PullRead = { event: PullEvent } | { ignored: string } | null;

/** null: not a pull/merge request event (a push, a ping…); ignored: one we do not act on, and why. */
export function readPullEvent(headers: Headers, body: Buffer): PullRead {
  const github = headers.get("x-github-event") === "pull_request";
  const gitlab = headers.get("x-gitlab-event") === "Merge Request Hook";
  if (!github && !gitlab) return null;
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return { ignored: "the body is not JSON" };
  }
  let event: Omit<PullEvent, "action"> & { action?: PullEvent["action"] };
  let raw: string;
  if (github) {
    const p = GitHubPull.safeParse(json);
    if (!p.success) return { ignored: "not a pull_request payload" };
    const { head, base } = p.data.pull_request;
    raw = p.data.action;
    event = {
      action: GITHUB_ACTIONS[raw],
      number: p.data.number,
      branch: head.ref,
      headSha: head.sha,
      fromFork: head.repo?.full_name !== base.repo.full_name,
    };
  } else {
    const p = GitLabMerge.safeParse(json);
    if (!p.success) return { ignored: "not a merge_request payload" };
    const a = p.data.object_attributes;
    raw = a.action ?? "";
    event = {
      action: GITLAB_ACTIONS[raw],
      number: a.iid,
      branch: a.source_branch,
      headSha: a.last_commit.id,
      fromFork: a.source_project_id !== a.target_project_id,
    };
  }
  if (!event.action) return { ignored: `action "${raw.slice(0, 40)}" changes no preview` };
  if (!REF_RE.test(event.branch)) return { ignored: "the branch name is not a plain git ref name" };
  return { event: { ...event, action: event.action } };
}

export const PreviewView = z.object({
  number: z.number().describe("the pull/merge request's number"),
  branch: z.string(),
  fromFork: z.boolean(),
  approved: z.boolean().describe("a fork's request: a developer let it have the app's secret variables"),
  status: z.enum(["deploying", "ready", "failed"]),
  message: z.string(),
  previewAppId: z.string().nullable().describe("the copy: an app of the same project"),
  urls: z.array(z.string()).describe("pr-<n>.<each of the app's domains>"),
  expiresAt: z.string(),
  createdAt: z.string(),
});
export type PreviewView = z.infer<typeof PreviewView>;
export const AppPreviewsView = z.object({
  enabled: z.boolean(),
  perApp: z.number().describe("at most this many previews at once (WHARF_PREVIEWS_PER_APP)"),
  ttlHours: z
    .number()
    .describe("a preview is removed this long after its last update (WHARF_PREVIEW_TTL_HOURS)"),
  items: z.array(PreviewView),
});
export type AppPreviewsView = z.infer<typeof AppPreviewsView>;
export const AppPreviewsInput = z.object({
  enabled: z.boolean().describe("pull/merge request webhooks deploy previews of this app"),
});

/** A request's number in a path. */
export const PreviewNumber = z.coerce
  .number({ message: "number: must be a pull/merge request number" })
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(1_000_000_000);
