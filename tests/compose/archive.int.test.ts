// Issue 16, item 2: an app from an uploaded archive of its compose folder. The archive is checked with the build
// upload's rules and limit (here 1 MiB) and refused with nothing kept; the app deploys from it and each file of the
// folder took effect in the containers (a relative build, an env_file, an include, an extends from another file, a
// file secret); escapes inside the folder are refused with nothing created; another tenant's upload is unknown; a
// new upload makes a new revision whose plan names the changed service.
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containers, expectShopRunning, sh, shopFolder } from "./shop-folder";
import { removeImagesOf, tarOf, zipOf, type TarEntry } from "../builds/helpers";
import { adminClient, localHostId, removeTenantObjects, setupTenant } from "../deploy/helpers";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";
import type { TenantSetup } from "../deploy/helpers";
import type { ApiClient } from "../helpers/api-client";

const LIMIT = 1024 * 1024;
let server: WharfServer;
let t: TenantSetup;
let other: TenantSetup;
let hostId = "";

const stored = () => fs.readdirSync(path.join(server.dataDir, "app-archives"));

async function upload(client: ApiClient, projectId: string, archive: Buffer, filename: string) {
  const form = new FormData();
  form.append("archive", new Blob([new Uint8Array(archive)]), filename);
  const res = await fetch(`${client.baseUrl}/api/v1/projects/${projectId}/archives`, {
    method: "POST",
    body: form,
    headers: { cookie: client.cookie, origin: client.baseUrl },
  });
  return { status: res.status, body: await res.json() };
}

/** The shop's folder, as GitHub's downloads hold it: one top-level folder. */
const shop = (greeting: string): TarEntry[] =>
  Object.entries(shopFolder(greeting, "built from the archive")).map(([name, content]) => ({
    name: `shop-main/${name}`,
    content,
  }));

beforeAll(async () => {
  server = await startWharfServer({ env: { WHARF_BUILD_CONTEXT_MAX_BYTES: String(LIMIT) } });
  const admin = await adminClient(server);
  hostId = await localHostId(admin);
  const tag = Date.now().toString(36);
  t = await setupTenant(admin, hostId, `Archive ${tag}`);
  other = await setupTenant(admin, hostId, `Archive other ${tag}`);
}, 120_000);

afterAll(async () => {
  for (const s of [t, other].filter(Boolean)) {
    await removeTenantObjects([s.tenantId]);
    await removeImagesOf(s.tenantId);
  }
  await server?.stop();
});

describe("an app from an uploaded archive", () => {
  let appId = "";

  it("deploys: the relative build, env_file, include, extends.file and file secret took effect", async () => {
    const up = await upload(t.dev, t.projectId, gzipSync(await tarOf(shop("from-env-file"))), "shop.tar.gz");
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({
      kind: "tar.gz",
      filename: "shop.tar.gz",
      composeFiles: ["compose.yaml"],
    });
    const source = { type: "archive", archive: { id: up.body.id } };
    const created = await t.dev.post(`/projects/${t.projectId}/apps`, { name: "shop", hostId, source });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    appId = created.body.app.id;
    const dep = await t.dev.post(`/apps/${appId}/deploy`, { source });
    expect(dep.status, JSON.stringify(dep.body)).toBe(200);
    await expectShopRunning(appId, "built from the archive", "from-env-file");
    const revs = await t.dev.get(`/apps/${appId}/revisions`);
    expect(revs.body.items[0]).toMatchObject({ number: 1, sourceType: "archive", commit: null });
  });

  const symlinkOut = { name: "out", type: "symlink", linkname: "/etc" } as const;
  it.each([
    ["zip-slip", [{ name: "../evil.yaml", content: "x" }], /contains '\.\.'/],
    ["an absolute path", [{ name: "/etc/evil.yaml", content: "x" }], /absolute path/],
    ["a symlink out", [symlinkOut], /points outside/],
    ["a bomb", [{ name: "zeros", content: Buffer.alloc(8 * LIMIT) }], /expands past the (size )?limit/],
  ] as const)("refuses an archive with %s, keeping nothing", async (_what, extra, why) => {
    const before = stored();
    const entries = [{ name: "compose.yaml", content: "services: {}\n" }, ...extra] as TarEntry[];
    const res = await upload(t.dev, t.projectId, gzipSync(await tarOf(entries)), "bad.tar.gz");
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.fields.archive).toMatch(why);
    expect(stored()).toEqual(before);
  });

  it("refuses a zip bomb and an archive over the build upload's size limit", async () => {
    const zipBomb = zipOf([{ name: "zeros", content: Buffer.alloc(8 * LIMIT) }]);
    const bomb = await upload(t.dev, t.projectId, zipBomb, "bomb.zip");
    expect(bomb.body.error.fields.archive).toMatch(/expands past the (size )?limit/);
    const big = await upload(t.dev, t.projectId, Buffer.alloc(LIMIT + 4096, 7), "big.tar");
    expect(big.status).toBe(422);
    expect(big.body.error.fields.archive).toMatch(/larger than 1 MiB/);
  });

  // A link out cannot reach the folder (refused at upload, above); the paths a compose file names are checked again.
  it.each([
    ["..", "env_file: ../../etc/hostname", /outside/],
    ["an absolute path", "env_file: /etc/hostname", /absolute path/],
    ["file:///etc", "env_file: file:///etc/hostname", /URL/],
  ])("refuses a compose file naming %s with nothing created", async (_what, line, why) => {
    const compose = `services:\n  web:\n    image: redis:alpine\n    ${line}\n`;
    const up = await upload(
      t.dev,
      t.projectId,
      await tarOf([{ name: "compose.yaml", content: compose }]),
      "e.tar",
    );
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const source = { type: "archive", archive: { id: up.body.id } };
    const res = await t.dev.post(`/projects/${t.projectId}/apps`, { name: "escape", hostId, source });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.message).toMatch(why);
    expect(Object.keys(res.body.error.fields)).toEqual(["compose.services.web.env_file"]);
    const apps = await t.dev.get(`/projects/${t.projectId}/apps`);
    expect(apps.body.items.map((a: { name: string }) => a.name)).toEqual(["shop"]);
  });

  it("another tenant's upload is unknown to a plan, and its project refuses the upload", async () => {
    const up = await upload(other.dev, other.projectId, await tarOf(shop("x")), "theirs.tar");
    expect(up.status).toBe(201);
    const plan = await t.dev.post(`/apps/${appId}/plan`, {
      source: { type: "archive", archive: { id: up.body.id } },
    });
    expect(plan.status).toBe(422);
    expect(plan.body.error.fields).toEqual({ "source.archive.id": expect.stringMatching(/no such upload/) });
    const into = await upload(t.dev, other.projectId, await tarOf(shop("x")), "into.tar");
    expect(into.status).toBe(404);
  });

  it("a new upload makes a new revision whose plan names the changed service", async () => {
    const up = await upload(t.dev, t.projectId, zipOf(zipEntries(shop("second-upload"))), "shop.zip");
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.kind).toBe("zip");
    const source = { type: "archive", archive: { id: up.body.id } };
    const plan = await t.dev.post(`/apps/${appId}/plan`, { source });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body.diff).toEqual([{ service: "web", change: "changed", keys: ["environment"] }]);
    const dep = await t.dev.post(`/apps/${appId}/deploy`, { source });
    expect(dep.status, JSON.stringify(dep.body)).toBe(200);
    const revs = await t.dev.get(`/apps/${appId}/revisions`);
    expect(revs.body.items[0]).toMatchObject({ number: 2, sourceType: "archive" });
    expect(revs.body.items[0].message).toMatch(/archive shop\.zip — web: environment/);
    const [web] = await containers(appId, "web");
    expect(sh(web.Id, "echo $GREETING")).toBe("second-upload");
  });
});

const zipEntries = (entries: TarEntry[]) => entries.map((e) => ({ name: e.name, content: e.content ?? "" }));
