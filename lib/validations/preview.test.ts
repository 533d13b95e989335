import { describe, expect, it } from "vitest";
import { readPullEvent } from "./preview";

const sha = "a".repeat(40);
const github = (over: { action?: string; ref?: string; fork?: boolean } = {}) =>
  Buffer.from(
    JSON.stringify({
      action: over.action ?? "opened",
      number: 7,
      pull_request: {
        head: { ref: over.ref ?? "feature/x", sha, repo: { full_name: over.fork ? "eve/app" : "team/app" } },
        base: { repo: { full_name: "team/app" } },
      },
    }),
  );
const gh = new Headers({ "x-github-event": "pull_request" });

describe("readPullEvent", () => {
  it("reads GitHub's pull_request and GitLab's merge request into one shape", () => {
    expect(readPullEvent(gh, github())).toEqual({
      event: { action: "open", number: 7, branch: "feature/x", headSha: sha, fromFork: false },
    });
    expect(readPullEvent(gh, github({ action: "synchronize", fork: true }))).toMatchObject({
      event: { action: "update", fromFork: true },
    });
    const gl = Buffer.from(
      JSON.stringify({
        object_kind: "merge_request",
        object_attributes: {
          iid: 3,
          action: "merge",
          source_branch: "fix",
          source_project_id: 14,
          target_project_id: 14,
          last_commit: { id: sha },
        },
      }),
    );
    expect(readPullEvent(new Headers({ "x-gitlab-event": "Merge Request Hook" }), gl)).toEqual({
      event: { action: "close", number: 3, branch: "fix", headSha: sha, fromFork: false },
    });
  });

  it("is null for other events and ignores actions and shapes it does not act on", () => {
    expect(readPullEvent(new Headers({ "x-github-event": "push" }), github())).toBeNull();
    expect(readPullEvent(gh, github({ action: "labeled" }))).toEqual({
      ignored: 'action "labeled" changes no preview',
    });
    expect(readPullEvent(gh, Buffer.from("{"))).toEqual({ ignored: "the body is not JSON" });
  });

  it("refuses branch names with shell or path characters", () => {
    for (const ref of ["a;rm -rf /", "../../etc", "a\nb", "-x", "a b", "$(id)", "a..b"])
      expect(readPullEvent(gh, github({ ref })), ref).toEqual({
        ignored: "the branch name is not a plain git ref name",
      });
  });
});
