// Shared set-up for the build tests: a real server, the local engine granted to a fresh tenant with a
// developer, local git repositories, archives made in memory, and direct engine reads.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { deflateRawSync, crc32 } from "node:zlib";
import Docker from "dockerode";
import { pack } from "tar-stream";
import { expect } from "vitest";
import { removeImage } from "../deploy/helpers";
import { ApiClient, createUserClient, type ApiResponse } from "../helpers/api-client";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";

export const engine = new Docker({ socketPath: "/var/run/docker.sock" });
export const BASE = "wharf-busybox:latest";
export const uniq = (p: string) => `${p}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

export type Suite = {
  server: WharfServer;
  admin: ApiClient;
  dev: ApiClient;
  hostId: string;
  tenantId: string;
  projectId: string;
  tmpDir: string;
};

/** Server with build temp dirs in a folder of its own (so "nothing left behind" can be checked), a tenant, a developer, a project. */
export async function startSuite(env: Record<string, string> = {}): Promise<Suite> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-build-tmp-"));
  const server = await startWharfServer({ env: { WHARF_BUILD_TMP_DIR: tmpDir, ...env } });
  const admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
  const hosts = (await admin.get("/hosts")).body.items as { id: string; name: string }[];
  const hostId = hosts.find((h) => h.name === "local")!.id;
  const t = await admin.post("/tenants", { name: uniq("Builds") });
  await admin.put(`/hosts/${hostId}/grants`, { tenantIds: [t.body.id] });
  const { client: dev } = await createUserClient(admin, `${uniq("dev")}@wharf.test`, {
    memberships: [{ tenantId: t.body.id, role: "developer" }],
  });
  const p = await dev.post("/projects", { tenantId: t.body.id, name: "Shop" });
  if (p.status !== 201) throw new Error(`project: ${JSON.stringify(p.body)}`);
  return { server, admin, dev, hostId, tenantId: t.body.id, projectId: p.body.id, tmpDir };
}

export async function stopSuite(s: Suite | undefined) {
  if (!s) return;
  await s.server.stop();
  await removeImagesOf(s.tenantId);
  fs.rmSync(s.tmpDir, { recursive: true, force: true });
}

/** Every image this tenant's builds produced (labelled by the server). */
export const imagesOf = (label: string) => engine.listImages({ filters: { label: [label] } });

export async function removeImagesOf(tenantId: string) {
  for (const img of await imagesOf(`wharf.tenant=${tenantId}`)) await removeImage(img.Id, { force: true });
}

export const leftovers = (s: Suite) => fs.readdirSync(s.tmpDir).filter((n) => n.startsWith("wharf-build-"));

/** Reads the log stream to its end (the end of the build), then returns the build and the log text. */
export async function finish(
  client: ApiClient,
  id: string,
): Promise<{ build: ApiResponse["body"]; log: string }> {
  const res = await fetch(`${client.baseUrl}/api/v1/builds/${id}/log`, {
    headers: { cookie: client.cookie },
  });
  const log = await res.text();
  const build = (await client.get(`/builds/${id}`)).body;
  return { build, log };
}

/** An inline-Dockerfile build (201), followed to its end, which must be a success; the build and its log. */
export async function succeededInlineBuild(
  client: ApiClient,
  o: { projectId: string; hostId: string; dockerfile: string; tags?: string[]; registryId?: string },
) {
  const { dockerfile, ...rest } = o;
  const res = await client.post("/builds", { ...rest, sourceType: "inline", inline: { dockerfile } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const done = await finish(client, res.body.id);
  expect(done.build.status, done.log).toBe("succeeded");
  return done;
}

/** Follows the log until `predicate(textSoFar)` holds; returns the text and a function to stop following. */
export async function waitForLog(
  client: ApiClient,
  id: string,
  predicate: (t: string) => boolean,
  timeoutMs = 60_000,
) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  const res = await fetch(`${client.baseUrl}/api/v1/builds/${id}/log`, {
    headers: { cookie: client.cookie },
    signal: ctrl.signal,
  });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  try {
    while (!predicate(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`log ended before the expected text; got:\n${text}`);
      text += value;
    }
  } finally {
    clearTimeout(timer);
    ctrl.abort();
  }
  return text;
}

/** POST /builds as multipart: the `spec` field first, then the archive. */
export async function uploadBuild(
  client: ApiClient,
  spec: Record<string, unknown>,
  archive: Buffer,
  filename = "context.tar",
) {
  const form = new FormData();
  form.append("spec", JSON.stringify(spec));
  form.append("context", new Blob([new Uint8Array(archive)]), filename);
  const res = await fetch(`${client.baseUrl}/api/v1/builds`, {
    method: "POST",
    body: form,
    headers: { cookie: client.cookie, origin: client.baseUrl },
  });
  return { status: res.status, body: await res.json() };
}

export type TarEntry = {
  name: string;
  content?: string | Buffer;
  type?: "file" | "directory" | "symlink" | "link";
  linkname?: string;
  mode?: number;
};

export async function tarOf(entries: TarEntry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on("data", (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((r) => p.on("end", () => r()));
  for (const e of entries) {
    const body = e.content === undefined ? undefined : Buffer.from(e.content);
    await new Promise<void>((resolve, reject) =>
      p.entry(
        { name: e.name, type: e.type ?? "file", linkname: e.linkname, mode: e.mode, size: body?.length },
        body ?? "",
        (err) => (err ? reject(err) : resolve()),
      ),
    );
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Builds an image straight on the engine (no Wharf): an image "as a registry could serve it", for tests. */
export async function buildLocalImage(tag: string, dockerfile: string): Promise<void> {
  const context = await tarOf([{ name: "Dockerfile", content: dockerfile }]);
  const stream = await engine.buildImage(Readable.from(context), { t: tag });
  await new Promise((resolve, reject) =>
    engine.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve(null))),
  );
}

/** A minimal zip writer (deflate or stored) — enough to test the zip path without another dependency. */
export function zipOf(entries: { name: string; content: string | Buffer; symlink?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = Buffer.from(e.content);
    const deflated = deflateRawSync(data);
    const name = Buffer.from(e.name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.symlink ? 0o120777 : 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated);
    centrals.push(central, name);
    offset += 30 + name.length + deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.email=t@wharf.test", "-c", "user.name=Test", ...args], {
    cwd,
    encoding: "utf8",
  }).trim();

/** A repository with: main (2 commits, the first tagged v1) and a `feature` branch; each prints its own marker when built. */
export function makeRepo(root: string, marker: string) {
  const dir = path.join(root, uniq("repo"));
  fs.mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q", "-b", "main");
  const write = (m: string) =>
    fs.writeFileSync(
      path.join(dir, "Dockerfile"),
      `FROM ${BASE}\nRUN echo "${marker}-""${m}"\nCMD ["sleep", "3600"]\n`,
    );
  write("one");
  git(dir, "add", "Dockerfile");
  git(dir, "commit", "-qm", "one");
  const first = git(dir, "rev-parse", "HEAD");
  git(dir, "tag", "v1");
  git(dir, "checkout", "-qb", "feature");
  write("feature");
  git(dir, "commit", "-qam", "feature");
  const feature = git(dir, "rev-parse", "HEAD");
  git(dir, "checkout", "-q", "main");
  write("two");
  git(dir, "commit", "-qam", "two");
  const second = git(dir, "rev-parse", "HEAD");
  return {
    dir,
    first,
    second,
    feature,
    commit: (m: string) => {
      write(m);
      git(dir, "commit", "-qam", m);
      return git(dir, "rev-parse", "HEAD");
    },
  };
}
