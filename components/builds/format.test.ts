import { describe, expect, it } from "vitest";
import { buildImageName, buildTitle, repositoryName } from "./format";

const git = (url: string, ref = "", commit = "") => ({
  sourceType: "git" as const,
  source: { url, ref },
  commit,
});

describe("a build's title", () => {
  it("names the repository and the ref it built", () => {
    expect(buildTitle(git("https://git.example.com/team/app.git", "main"))).toBe("team/app @ main");
    expect(buildTitle(git("git@github.com:acme/shop.git", "v1.2"))).toBe("acme/shop @ v1.2");
    expect(buildTitle(git("ssh://git@host:22/srv/repos/api/", "dev"))).toBe("repos/api @ dev");
    expect(buildTitle(git("/tmp/wharf-e2e-repo-x1", "main"))).toBe("wharf-e2e-repo-x1 @ main");
    expect(buildTitle(git("file:///srv/git/site.git"))).toBe("site @ default branch");
    expect(buildTitle(git("https://h/a/b", "", "0123456789abcdef0123"))).toBe("a/b @ 0123456789ab");
  });

  it("names the uploaded file, or says the Dockerfile was written inline", () => {
    expect(buildTitle({ sourceType: "upload", source: { filename: "site.tar.gz" }, commit: "" })).toBe(
      "site.tar.gz",
    );
    expect(buildTitle({ sourceType: "upload", source: {}, commit: "" })).toBe("Uploaded archive");
    expect(buildTitle({ sourceType: "inline", source: { files: [] }, commit: "" })).toBe("Inline Dockerfile");
  });

  it("shows the image as it was typed, not its scoped name", () => {
    expect(buildImageName({ tags: ["wharf/acme/shop/web:1.0", "wharf/acme/shop/web:latest"] })).toBe(
      "web:1.0",
    );
    expect(buildImageName({ tags: [] })).toBe("");
    expect(repositoryName("https://example.com/")).toBe("https://example.com/");
  });
});
