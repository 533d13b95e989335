// Issue 18, templates: the catalogue GET /api/v1/templates serves renders through Debian's docker-compose 1.29
// (`docker-compose config`) with its variables supplied, and every template plans and deploys for a developer
// with the offline stand-ins an admin shared (scripts/services/shared-images.txt). Admins add, change and
// delete their own templates; a member is refused (403), nothing changes, and every attempt is audited.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { TemplateView } from "../../lib/validations/template";
import { engine, freePort, startTenantWorld } from "../deploy/helpers";

const run = promisify(execFile);
let world: Awaited<ReturnType<typeof startTenantWorld>> | undefined;
let templates: TemplateView[] = [];

beforeAll(async () => {
  world = await startTenantWorld("Templates");
  const res = await world.t.dev.get("/templates");
  expect(res.status).toBe(200);
  templates = z.array(TemplateView).parse(res.body.items);
});

afterAll(async () => {
  await world?.stop();
});

/** The form filled in: defaults kept, required values typed, every *_PORT on a free port of this machine. */
async function formValues(t: TemplateView): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const v of t.variables)
    values[v.name] = v.name.endsWith("PORT")
      ? String(await freePort())
      : (v.default ?? `v-${randomBytes(6).toString("hex")}`);
  return values;
}

describe("the built-in catalogue", () => {
  it("has at least 12 templates, the voting app first", () => {
    expect(templates.length).toBeGreaterThanOrEqual(12);
    expect(templates[0]).toMatchObject({ id: "voting-app", builtIn: true });
  });

  it("renders every template through docker-compose 1.29 `config` with its variables", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-templates-"));
    try {
      await Promise.all(templates.filter((x) => x.builtIn).map((t) => renderWithDockerCompose(t, dir)));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("plans and deploys every template for a developer, with the stand-ins an admin shared", async () => {
    const queue = templates.filter((x) => x.builtIn);
    // Three at a time: the same work, a third of the wall time.
    await Promise.all(
      [0, 1, 2].map(async () => {
        for (let t = queue.shift(); t; t = queue.shift()) await deployTemplate(t);
      }),
    );
  });
});

/** `docker-compose config` in an empty environment but the form's values: nothing of this machine's leaks in. */
async function renderWithDockerCompose(t: TemplateView, dir: string) {
  const file = path.join(dir, `${t.id}.yaml`);
  fs.writeFileSync(file, t.compose);
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "test",
    PATH: "/usr/bin:/bin",
    HOME: dir,
    ...(await formValues(t)),
  };
  const { stdout, stderr } = await run("docker-compose", ["-f", file, "-p", "tpl", "config"], { env });
  expect(stderr, t.id).not.toMatch(/variable is not set/);
  const config = z
    .object({ services: z.record(z.string(), z.object({ image: z.string() })) })
    .parse(parse(stdout));
  const images = [...new Set(Object.values(config.services).map((s) => s.image))];
  expect(images.sort(), t.id).toEqual([...t.images].sort());
}

/** As the Templates page does: create the app with the form's values (the plan), deploy, check the engine, remove. */
async function deployTemplate(t: TemplateView) {
  const { t: tenant, hostId } = world!;
  const values = await formValues(t);
  // The sample's fixed host ports (5000 is the test registry's) moved to free ones, as the form would.
  let compose = t.compose;
  for (const fixed of ['"5000:80"', '"5001:80"'])
    compose = compose.replace(fixed, `"${await freePort()}:80"`);
  const created = await tenant.dev.post(`/projects/${tenant.projectId}/apps`, {
    name: `tpl-${t.id}`,
    hostId,
    source: { type: "compose", compose },
    variables: t.variables.map((v) => ({ name: v.name, value: values[v.name], secret: v.secret })),
  });
  expect(created.status, `${t.id}: ${JSON.stringify(created.body)}`).toBe(201);
  expect(created.body.plan.services.length, t.id).toBeGreaterThan(0);
  const appId: string = created.body.app.id;
  const deployed = await tenant.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose } });
  expect(deployed.status, `${t.id}: ${JSON.stringify(deployed.body)}`).toBe(200);
  // What the engine runs, not what Wharf says: one running container per service of the file.
  const containers = await engine.listContainers({ all: true, filters: { label: [`wharf.app=${appId}`] } });
  const services = Object.keys(
    z.object({ services: z.record(z.string(), z.unknown()) }).parse(parse(compose)).services,
  );
  expect(
    containers.map((c) => c.State).filter((s) => s !== "running"),
    t.id,
  ).toEqual([]);
  expect(containers.map((c) => c.Labels["wharf.service"]).sort(), t.id).toEqual(services.sort());
  expect((await tenant.dev.delete(`/apps/${appId}`)).status, t.id).toBeLessThan(300);
}

describe("admins' own templates", () => {
  const compose = 'services:\n  web:\n    image: nginx:1.27-alpine\n    ports: ["${HTTP_PORT:-8090}:80"]\n';
  const body = {
    slug: "team-site",
    name: "Team site",
    category: "Web servers",
    compose,
    variables: [{ name: "HTTP_PORT", label: "Host port", default: "8090" }],
  };
  const ids = async () =>
    z
      .array(TemplateView)
      .parse((await world!.t.dev.get("/templates")).body.items)
      .map((t) => t.id);

  it("a member cannot add one: 403, nothing stored, the refusal audited", async () => {
    const { t, admin } = world!;
    const before = await ids();
    const res = await t.dev.post("/templates", body);
    expect(res.status).toBe(403);
    expect(await ids()).toEqual(before);
    const audit = await admin.get("/audit?action=template.create&outcome=denied");
    expect(audit.body.items.length).toBeGreaterThanOrEqual(1);
  });

  it("refuses a bad template with a 422 naming the field, and a built-in slug with a 409", async () => {
    const { admin } = world!;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...body, slug: "Bad Slug" }, 422, "slug"],
      [{ ...body, compose: compose.replace("ports", "portz") }, 422, "compose"],
      [{ ...body, variables: [] }, 422, "variables"],
      [{ ...body, variables: [{ name: "HTTP_PORT" }] }, 422, "variables.0.label"],
      [{ ...body, slug: "voting-app" }, 409, "slug"],
    ];
    for (const [input, status, field] of cases) {
      const res = await admin.post("/templates", input);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(Object.keys(res.body.error.fields ?? {}), JSON.stringify(res.body)).toContain(field);
    }
    expect(await ids()).not.toContain("team-site");
  });

  it("an admin adds, changes and deletes one; members read it but cannot change or delete it", async () => {
    const { t, admin } = world!;
    const created = await admin.post("/templates", body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ id: "team-site", builtIn: false, images: ["nginx:1.27-alpine"] });
    expect((await ids()).at(-1)).toBe("team-site");
    expect((await t.dev.get("/templates/team-site")).body.compose).toBe(compose);

    expect((await t.dev.patch("/templates/team-site", { name: "Mine now" })).status).toBe(403);
    expect((await t.dev.delete("/templates/team-site")).status).toBe(403);
    expect((await admin.patch("/templates/voting-app", { name: "x" })).status).toBe(409);
    const broken = await admin.patch("/templates/team-site", {
      compose: compose.replace("HTTP_PORT:-8090", "X"),
    });
    expect(broken.status).toBe(422);
    expect((await t.dev.get("/templates/team-site")).body).toMatchObject({ name: "Team site", compose });

    const renamed = await admin.patch("/templates/team-site", { name: "Team website" });
    expect(renamed.status).toBe(200);
    expect((await t.dev.get("/templates/team-site")).body.name).toBe("Team website");
    expect((await admin.delete("/templates/team-site")).status).toBe(204);
    expect((await t.dev.get("/templates/team-site")).status).toBe(404);

    const audit = await admin.get("/audit?action=template.update");
    const outcomes = (audit.body.items as { outcome: string }[]).map((e) => e.outcome);
    expect(outcomes).toEqual(expect.arrayContaining(["success", "denied", "failure"]));
    expect((await admin.get("/audit?action=template.delete&outcome=success")).body.items.length).toBe(1);
  });
});
