// Every bad input of the issue is refused with an error that names the problem, and leaves nothing
// behind: no temporary directory, no image, no build record for requests refused up front.
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BASE,
  finish,
  imagesOf,
  leftovers,
  makeRepo,
  startSuite,
  stopSuite,
  tarOf,
  uniq,
  uploadBuild,
  zipOf,
  type Suite,
} from "./helpers";
import { allowEgress } from "../helpers/egress";
import { selfSignedCert } from "../helpers/self-signed";
import type { ApiResponse } from "../helpers/api-client";
import type { AddressInfo } from "node:net";

const LIMIT = 1024 * 1024; // WHARF_BUILD_CONTEXT_MAX_BYTES for this suite
let s: Suite;
let gitServer: https.Server;
let gitBase = "";
let certDir = "";

/** A local HTTPS "git host": /private.git asks for credentials, anything else is missing. */
async function startGitHost() {
  certDir = fs.mkdtempSync("/tmp/wharf-gitcert-");
  const { keyFile, certFile } = selfSignedCert(certDir, { cn: "127.0.0.1", ip: "127.0.0.1" });
  gitServer = https.createServer(
    {
      key: fs.readFileSync(keyFile),
      cert: fs.readFileSync(certFile),
    },
    (req, res) => {
      if (req.url?.startsWith("/private.git")) {
        res.writeHead(401, { "www-authenticate": 'Basic realm="git"' }).end("auth required");
      } else res.writeHead(404).end("not found");
    },
  );
  await new Promise<void>((r) => gitServer.listen(0, "127.0.0.1", r));
  gitBase = `https://127.0.0.1:${(gitServer.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  await startGitHost();
  s = await startSuite({
    WHARF_BUILD_CONTEXT_MAX_BYTES: String(LIMIT),
    GIT_SSL_CAINFO: path.join(certDir, "cert.pem"),
  });
  await allowEgress(s.admin, new URL(gitBase).host, "the local git host");
});
afterAll(async () => {
  await stopSuite(s);
  gitServer?.close();
  fs.rmSync(certDir, { recursive: true, force: true });
});

const opts = () => ({ projectId: s.projectId, hostId: s.hostId });
const DOCKERFILE = { name: "Dockerfile", content: `FROM ${BASE}\n` };

async function expectRefused(res: Pick<ApiResponse, "status" | "body">, field: string, message: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.message).toMatch(message);
  expect(Object.keys(res.body.error.fields ?? {})).toContain(field);
  expect(leftovers(s)).toEqual([]);
}

describe("uploaded archives", () => {
  it.each([
    ["an entry with ..", [DOCKERFILE, { name: "../evil.txt", content: "x" }], /contains '\.\.'/],
    ["an entry nested with ..", [DOCKERFILE, { name: "a/../../evil.txt", content: "x" }], /contains '\.\.'/],
    ["an absolute path", [DOCKERFILE, { name: "/etc/evil.txt", content: "x" }], /absolute path/],
    [
      "a symlink pointing outside",
      [DOCKERFILE, { name: "link", type: "symlink", linkname: "../../../etc/passwd" }],
      /points outside/,
    ],
    [
      "an absolute symlink",
      [DOCKERFILE, { name: "link", type: "symlink", linkname: "/etc/passwd" }],
      /points outside/,
    ],
    [
      "a hard link to outside",
      [DOCKERFILE, { name: "hl", type: "link", linkname: "../../etc/passwd" }],
      /contains '\.\.'/,
    ],
    [
      "a file written through a symlink",
      [DOCKERFILE, { name: "dir", type: "symlink", linkname: "." }, { name: "dir/x", content: "x" }],
      /goes through the symbolic link/,
    ],
    [
      "a hard link through a symlink",
      [
        DOCKERFILE,
        { name: "s", type: "symlink", linkname: "." },
        { name: "hl", type: "link", linkname: "s/Dockerfile" },
      ],
      /hard link "hl"/,
    ],
    [
      "a link chain escaping at run time",
      [
        DOCKERFILE,
        { name: "s", type: "symlink", linkname: "." },
        { name: "b", type: "symlink", linkname: "s/.." },
      ],
      /points outside/,
    ],
  ] as const)("refuses %s", async (_name, entries, message) => {
    await expectRefused(await uploadBuild(s.dev, opts(), await tarOf(entries as never)), "context", message);
  });

  it.each([
    { what: "an entry named with ..", entry: { name: "../evil", content: "x" }, message: /\.\./ },
    {
      what: "a symlink pointing outside",
      entry: { name: "l", content: "../../x", symlink: true },
      message: /points outside/,
    },
  ])("refuses a zip with $what", async ({ entry, message }) => {
    const zip = zipOf([{ name: "Dockerfile", content: "FROM x" }, entry]);
    await expectRefused(await uploadBuild(s.dev, opts(), zip, "c.zip"), "context", message);
  });

  it("refuses an archive over the size limit while it streams", async () => {
    const big = await tarOf([DOCKERFILE, { name: "big.bin", content: Buffer.alloc(LIMIT + 4096, 7) }]);
    await expectRefused(await uploadBuild(s.dev, opts(), big), "context", /larger than the limit of 1 MiB/);
  });

  it("refuses bombs that expand past the limit (tar.gz and zip)", async () => {
    const bomb = gzipSync(await tarOf([DOCKERFILE, { name: "zeros", content: Buffer.alloc(8 * LIMIT) }]));
    expect(bomb.length).toBeLessThan(LIMIT / 10);
    await expectRefused(
      await uploadBuild(s.dev, opts(), bomb, "c.tar.gz"),
      "context",
      /expands past the (size )?limit/,
    );
    const zipBomb = zipOf([DOCKERFILE, { name: "zeros", content: Buffer.alloc(8 * LIMIT) }]);
    await expectRefused(
      await uploadBuild(s.dev, opts(), zipBomb, "c.zip"),
      "context",
      /expands past the (size )?limit/,
    );
  });

  it("refuses an archive without the Dockerfile it names, and something that is not an archive", async () => {
    await expectRefused(
      await uploadBuild(s.dev, { ...opts(), dockerfile: "docker/Dockerfile" }, await tarOf([DOCKERFILE])),
      "context",
      /Dockerfile "docker\/Dockerfile" not found/,
    );
    await expectRefused(
      await uploadBuild(s.dev, opts(), Buffer.from("just some text, not an archive")),
      "context",
      /not a tar, tar\.gz or zip/,
    );
  });
});

describe("git sources", () => {
  const git = (url: string, ref?: string) => ({ ...opts(), sourceType: "git", git: { url, ref } });

  it.each([
    ["a URL starting with -", "-uhttps://example.com/x", /must not start with '-'/],
    ["--upload-pack", "--upload-pack=touch /tmp/pwned", /must not start with '-'/],
    ["--upload-pack inside a URL", "https://example.com/x?--upload-pack=sh", /--upload-pack/],
    ["ext::", "ext::sh -c touch% /tmp/pwned", /ext::|spaces/],
    ["file:// for a developer", "file:///srv/repo", /admins only/],
    ["a local path for a developer", "/srv/repo", /admins only/],
    ["plain http", "http://example.com/x.git", /not allowed/],
  ])("refuses %s", async (_n, url, message) => {
    await expectRefused(await s.dev.post("/builds", git(url)), "git.url", message);
  });

  it("refuses a ref starting with - or carrying an option", async () => {
    await expectRefused(
      await s.dev.post("/builds", git("https://example.com/x.git", "-b")),
      "git.ref",
      /not starting with '-'/,
    );
    await expectRefused(
      await s.dev.post("/builds", git("https://example.com/x.git", "--upload-pack=sh")),
      "git.ref",
      /not starting with '-'/,
    );
  });

  it("refuses a missing repository and one that needs credentials", async () => {
    await expectRefused(
      await s.dev.post("/builds", git(`${gitBase}/missing.git`)),
      "git.url",
      /repository not found/,
    );
    await expectRefused(
      await s.admin.post("/builds", git(`/nonexistent/${uniq("repo")}`)),
      "git.url",
      /repository not found/,
    );
    await expectRefused(
      await s.dev.post("/builds", git(`${gitBase}/private.git`)),
      "git.url",
      /needs credentials/,
    );
    const wrong = await s.dev.post("/builds", {
      ...git(`${gitBase}/private.git`),
      git: { url: `${gitBase}/private.git`, username: "u", password: "s3cret-wrong-pw" },
    });
    await expectRefused(wrong, "git.url", /refused the credentials/);
    expect(JSON.stringify(wrong.body)).not.toContain("s3cret-wrong-pw");
  });

  it("refuses a branch that does not exist, and fails a build whose Dockerfile is missing from the repository", async () => {
    const repo = makeRepo(s.tmpDir, uniq("bad"));
    await expectRefused(
      await s.admin.post("/builds", git(repo.dir, "no-such-branch")),
      "git.ref",
      /no branch or tag named "no-such-branch"/,
    );
    const res = await s.admin.post("/builds", { ...git(repo.dir, "main"), dockerfile: "sub/Dockerfile" });
    expect(res.status).toBe(201);
    const { build, log } = await finish(s.admin, res.body.id);
    expect(build.status).toBe("failed");
    expect(build.error).toMatch(/Dockerfile "sub\/Dockerfile" not found/);
    expect(log).toMatch(/Checked out commit [0-9a-f]{40}/);
  });

  it("left no temporary directory and no image behind", async () => {
    expect(leftovers(s)).toEqual([]);
    expect(await imagesOf(`wharf.project=${s.projectId}`)).toEqual([]);
  });
});
