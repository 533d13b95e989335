// Issue 16's closing count, measured for real: every public self-hosted app folder of the corpus that plans as a
// developer (scripts/compose-corpus/folders.ts) is uploaded as an archive and deployed as a developer, with
// stand-in values for its variables and the offline stand-in image (scripts/services/images.sh) under each image
// name it uses that this engine lacks (tagged here, untagged after). A service counts as up when its containers
// run; the stand-in cannot pass the real images' healthchecks (pg_isready…), so a service_healthy dependency on
// one fails the deploy, and that is reported as such. Slow (a deploy per folder): run on demand only,
// WHARF_CORPUS_DEPLOY=1 WHARF_TEST_SERVICES=ready npx vitest run --project integration tests/compose/corpus-folders.int.test.ts
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { countFolders, type Outcome } from "../../scripts/compose-corpus/folders";
import { tarOf } from "../builds/helpers";
import { engine, type TenantSetup, startTenantWorld } from "../deploy/helpers";

const run = process.env.WHARF_CORPUS_DEPLOY === "1";
let world: Awaited<ReturnType<typeof startTenantWorld>> | undefined;
let t: TenantSetup;
let hostId = "";
const tagged: string[] = [];
let outcomes: Outcome[] = [];

beforeAll(async () => {
  if (!run) return;
  world = await startTenantWorld("Corpus", { quotas: { maxContainers: 200 } });
  ({ hostId, t } = world);
  outcomes = (await countFolders(true)).filter((o) => o.developer === "plans");
}, 300_000);

afterAll(async () => {
  for (const o of outcomes) fs.rmSync(o.prepared.root, { recursive: true, force: true });
  for (const tag of tagged) execFileSync("docker", ["rmi", tag]);
  await world?.stop();
});

function files(root: string, at = ""): { name: string; content: Buffer }[] {
  return fs.readdirSync(path.join(root, at), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(at, e.name);
    return e.isDirectory()
      ? files(root, rel)
      : [{ name: rel, content: fs.readFileSync(path.join(root, rel)) }];
  });
}

/** Tags the stand-in under each image missing here; false when one is pinned by digest (no tag can fake it). */
async function standIns(images: string[]): Promise<boolean> {
  if (images.some((i) => i.includes("@sha256:"))) return false;
  for (const image of images) {
    const exists = await engine
      .getImage(image)
      .inspect()
      .then(() => true)
      .catch(() => false);
    if (exists) continue;
    execFileSync("docker", ["tag", "wharf-standin:latest", image]);
    tagged.push(image);
  }
  return true;
}

describe.runIf(run)("the corpus's self-hosted app folders, deployed as a developer", () => {
  it("deploys each folder that plans, or says why not", async () => {
    const report: string[] = [];
    for (const [i, o] of outcomes.entries()) {
      const spec = o.spec!;
      if (!(await standIns([...new Set(Object.values(spec.services).map((s) => s.image))]))) {
        report.push(`${o.file}: not deployed, an image is pinned by digest (no offline stand-in)`);
        continue;
      }
      const form = new FormData();
      form.append(
        "archive",
        new Blob([
          new Uint8Array(
            await tarOf([
              // A file at the root, as a repository has: a lone top-level folder is taken for a download's wrapper.
              { name: "README.md", content: o.file },
              ...files(o.prepared.root),
            ]),
          ),
        ]),
        "folder.tar",
      );
      const up = await fetch(`${t.dev.baseUrl}/api/v1/projects/${t.projectId}/archives`, {
        method: "POST",
        body: form,
        headers: { cookie: t.dev.cookie, origin: t.dev.baseUrl },
      });
      const archiveId = z.object({ id: z.string() }).parse(await up.json()).id;
      const source = {
        type: "archive",
        archive: {
          id: archiveId,
          composeFile: o.prepared.composeFile,
          overrideFiles: o.prepared.overrideFiles,
        },
      };
      const variables = Object.entries(o.prepared.variables).map(([name, value]) => ({ name, value }));
      const app = await t.dev.post(`/projects/${t.projectId}/apps`, {
        name: `f${i}`,
        hostId,
        source,
        variables,
      });
      if (app.status !== 201) {
        report.push(
          `${o.file}: not created, ${app.status} ${JSON.stringify(app.body.error?.message).slice(0, 160)}`,
        );
        continue;
      }
      const appId = String(app.body.app.id);
      const dep = await t.dev.post(`/apps/${appId}/deploy`, { source });
      const running = await engine.listContainers({
        filters: { label: [`wharf.app=${appId}`], status: ["running"] },
      });
      const services = Object.keys(spec.services).length;
      report.push(
        `${o.file}: deploy ${dep.status}${dep.status === 200 ? "" : ` (${JSON.stringify(dep.body).slice(0, 200)})`}; ${running.length} containers running for ${services} services`,
      );
      await t.dev.delete(`/apps/${appId}?volumes=true`);
    }
    console.log(report.join("\n"));
    expect(report.length).toBe(outcomes.length);
  }, 1_200_000);
});
