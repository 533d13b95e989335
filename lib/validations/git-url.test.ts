import { describe, expect, it } from "vitest";
import { checkGitUrl } from "./git-url";

const user = { allowLocal: false };
const admin = { allowLocal: true };

describe("checkGitUrl", () => {
  it.each([
    ["https://example.com/org/repo.git", "https"],
    ["ssh://git@example.com/org/repo.git", "ssh"],
    ["git@example.com:org/repo.git", "ssh"],
  ])("accepts %s", (url, kind) => expect(checkGitUrl(url, user)).toEqual({ ok: true, kind }));

  it.each([
    ["-uhttps://x", "must not start with '-'"],
    ["--upload-pack=touch /tmp/x", "must not start with '-'"],
    ["https://example.com/x --upload-pack=sh", "spaces"],
    ["https://example.com/x?--upload-pack=sh", "--upload-pack"],
    ["ext::sh -c touch% /tmp/pwned", "spaces"],
    ["ext::sh", "ext::"],
    ["fd::17", "ext::"],
    ["http://example.com/x", "http:// protocol is not allowed"],
    ["git://example.com/x", "git:// protocol"],
    ["file:///srv/repo", "admins only"],
    ["/srv/repo", "admins only"],
    ["https://user:pw@example.com/x", "not in the URL"],
    ["", "required"],
    ["just-a-word", "use an https://"],
    ["git@-oProxyCommand=x:repo", "use an https://"],
    ["-oProxyCommand=x@host:repo", "must not start with '-'"],
    ["git@host:-repo", "use an https://"],
  ])("refuses %s", (url, reason) => {
    const r = checkGitUrl(url, user);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it("lets admins use local paths and file://, still not relative ones", () => {
    expect(checkGitUrl("/srv/repo", admin)).toEqual({ ok: true, kind: "file" });
    expect(checkGitUrl("file:///srv/repo", admin)).toEqual({ ok: true, kind: "file" });
    expect(checkGitUrl("./repo", admin).ok).toBe(false);
    expect(checkGitUrl("ext::sh", admin).ok).toBe(false);
  });
});
