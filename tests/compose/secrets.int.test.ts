// Issue 15, compose secrets and configs: contents from the app's variables or inline `content:`. On a standalone
// host they are copied into each container before it starts (secrets 0400 unless the file says otherwise); on
// the single-node Swarm they become engine secrets/configs named inside the app's scope, replaced when a value
// changes, and removed with the app. A `file:` source needs a folder (issue 16) and is refused naming the field.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { tarOf } from "../builds/helpers";
import { engine, eventually, type TenantSetup, startTenantWorld } from "../deploy/helpers";

let hostId: string;
let t: TenantSetup;
let world: Awaited<ReturnType<typeof startTenantWorld>> | undefined;

beforeAll(async () => {
  world = await startTenantWorld("Files", { swarm: true });
  ({ hostId, t } = world);
});

afterAll(async () => {
  await world?.stop();
});

const pw = () => `pw-${randomBytes(6).toString("hex")}`;
const compose = (extra = "") => `
services:
  web:
    image: redis:alpine
    command: ["sleep", "3600"]
${extra}    secrets:
      - db_password
      - source: api_key
        target: /etc/app/key
        mode: 0440
    configs:
      - source: app_conf
        target: /etc/app/app.conf
secrets:
  db_password:
    environment: DB_PASSWORD_VALUE
  api_key:
    environment: API_KEY
configs:
  app_conf:
    template_driver: golang
    content: |
      port=\${PORT:-8080}
      service={{ .Service.Name }}
`;
const sh = (id: string, cmd: string) =>
  execFileSync("docker", ["exec", id, "sh", "-c", cmd]).toString().trim();
const appContainers = (appId: string) =>
  engine.listContainers({ filters: { label: [`wharf.app=${appId}`], status: ["running"] } });
const appFiles = async (appId: string) => ({
  secrets: await engine.listSecrets({ filters: { label: [`wharf.app=${appId}`] } }),
  configs: await engine.listConfigs({ filters: { label: [`wharf.app=${appId}`] } }),
});

/** Creates the app with its two secret variables and deploys the file; returns the app's id. */
async function deployWithFiles(name: string, mode: "standalone" | "swarm", db: string, key: string) {
  const app = await t.dev.post(`/projects/${t.projectId}/apps`, {
    name,
    hostId,
    mode,
    source: { type: "compose", compose: compose() },
    variables: [
      { name: "DB_PASSWORD_VALUE", value: db, secret: true },
      { name: "API_KEY", value: key, secret: true },
    ],
  });
  expect(app.status, JSON.stringify(app.body)).toBe(201);
  const dep = await t.dev.post(`/apps/${app.body.app.id}/deploy`, {
    source: { type: "compose", compose: compose() },
  });
  expect(dep.status, JSON.stringify(dep.body)).toBe(200);
  return app.body.app.id as string;
}

describe("compose secrets and configs", () => {
  it("refuses file: sources naming the field, and read_only with copied files on a standalone host", async () => {
    const app = await t.dev.post(`/projects/${t.projectId}/apps`, { name: "refused", hostId });
    const file = `services:\n  web:\n    image: redis:alpine\n    secrets: [s]\nsecrets:\n  s:\n    file: ./s.txt\n`;
    const r1 = await t.dev.post(`/apps/${app.body.app.id}/plan`, {
      source: { type: "compose", compose: file },
    });
    expect(r1.status).toBe(422);
    expect(Object.keys(r1.body.error.fields)).toEqual(["compose.secrets.s.file"]);
    expect(r1.body.error.fields["compose.secrets.s.file"]).toMatch(/folder/);
    const r2 = await t.dev.post(`/apps/${app.body.app.id}/plan`, {
      source: { type: "compose", compose: compose("    read_only: true\n") },
    });
    // Variables come first (the form), then the target's rule.
    expect(r2.body.error.code).toBe("missing_variables");
    await t.dev.put(`/apps/${app.body.app.id}/variables`, {
      variables: [
        { name: "DB_PASSWORD_VALUE", value: "x", secret: true },
        { name: "API_KEY", value: "y", secret: true },
      ],
    });
    const r3 = await t.dev.post(`/apps/${app.body.app.id}/plan`, {
      source: { type: "compose", compose: compose("    read_only: true\n") },
    });
    expect(r3.status).toBe(422);
    expect(Object.keys(r3.body.error.fields)).toEqual(["services.web.read_only"]);
  });

  it("standalone: copied into the container before it starts, with their modes; a new value replaces it", async () => {
    const [db1, key] = [pw(), pw()];
    const appId = await deployWithFiles("files", "standalone", db1, key);
    const [c] = await appContainers(appId);
    expect(sh(c.Id, "cat /run/secrets/db_password")).toBe(db1);
    expect(sh(c.Id, "stat -c '%a %u' /run/secrets/db_password")).toBe("400 0");
    expect(sh(c.Id, "cat /etc/app/key; echo; stat -c %a /etc/app/key")).toBe(`${key}\n440`);
    // No engine templating on a standalone host: the content as written (docs/compose.md, template_driver).
    expect(sh(c.Id, "cat /etc/app/app.conf; stat -c %a /etc/app/app.conf")).toBe(
      "port=8080\nservice={{ .Service.Name }}\n444",
    );
    // Not in the container's config, nor in what the API shows.
    expect(JSON.stringify(await engine.getContainer(c.Id).inspect())).not.toContain(db1);
    expect(JSON.stringify((await t.dev.get(`/apps/${appId}/compose`)).body)).not.toContain(db1);

    const db2 = pw();
    await t.dev.patch(`/apps/${appId}/variables`, {
      variables: [{ name: "DB_PASSWORD_VALUE", value: db2, secret: true }],
    });
    const plan = await t.dev.post(`/apps/${appId}/plan`, {});
    expect(plan.body.services[0]).toMatchObject({ service: "web", action: "update" });
    const re = await t.dev.post(`/apps/${appId}/deploy`, {});
    expect(re.status, JSON.stringify(re.body)).toBe(200);
    const [c2] = await appContainers(appId);
    expect(c2.Id).not.toBe(c.Id);
    expect(sh(c2.Id, "cat /run/secrets/db_password")).toBe(db2);
  });

  it("Swarm: engine secrets and configs in the app's scope, replaced on change, removed with the app", async () => {
    const [db1, key] = [pw(), pw()];
    const appId = await deployWithFiles("swarmfiles", "swarm", db1, key);
    const files = await appFiles(appId);
    expect(files.secrets.map((s) => s.Spec?.Name).sort()).toEqual([
      expect.stringMatching(new RegExp(`^wharf_${t.slug}_shop_swarmfiles_api_key_[0-9a-f]{12}$`)),
      expect.stringMatching(new RegExp(`^wharf_${t.slug}_shop_swarmfiles_db_password_[0-9a-f]{12}$`)),
    ]);
    expect(files.secrets.every((s) => s.Spec?.Labels?.["wharf.tenant"] === t.tenantId)).toBe(true);
    expect(files.configs).toHaveLength(1);
    const task = await eventually(
      () => appContainers(appId),
      (l) => l.length === 1,
    );
    expect(sh(task[0].Id, "cat /run/secrets/db_password")).toBe(db1);
    expect(sh(task[0].Id, "cat /etc/app/key")).toBe(key);
    // template_driver: golang → ConfigSpec.Templating; the Swarm rendered it for the task.
    const Templated = z.object({ Templating: z.object({ Name: z.string() }) });
    expect(Templated.parse(files.configs[0].Spec).Templating.Name).toBe("golang");
    expect(sh(task[0].Id, "cat /etc/app/app.conf")).toBe(
      `port=8080\nservice=wharf_${t.slug}_shop_swarmfiles_web`,
    );

    const db2 = pw();
    await t.dev.patch(`/apps/${appId}/variables`, {
      variables: [{ name: "DB_PASSWORD_VALUE", value: db2, secret: true }],
    });
    const re = await t.dev.post(`/apps/${appId}/deploy`, {});
    expect(re.status, JSON.stringify(re.body)).toBe(200);
    const after = await appFiles(appId);
    expect(after.secrets).toHaveLength(2); // the old db_password is gone, the new one in its place
    expect(after.secrets.map((s) => s.ID)).not.toContain(
      files.secrets.find((s) => s.Spec?.Name?.includes("db_password"))?.ID,
    );
    const task2 = await eventually(
      () => appContainers(appId),
      (l) => l.length === 1 && l[0].Id !== task[0].Id,
    );
    expect(sh(task2[0].Id, "cat /run/secrets/db_password")).toBe(db2);

    expect((await t.dev.delete(`/apps/${appId}`)).status).toBe(200);
    const gone = await appFiles(appId);
    expect([...gone.secrets, ...gone.configs]).toEqual([]);
  });

  it("Swarm: an archive's relative bind mounts become engine configs and an app volume seeded with the folder", async () => {
    const folder = {
      "compose.yaml":
        "services:\n  web:\n    image: redis:alpine\n    command: [sleep, '3600']\n    volumes: [./conf/app.conf:/etc/app.conf:ro, ./seed:/data]\n",
      "conf/app.conf": "setting=from-folder\n",
      "seed/hello.txt": "seeded\n",
    };
    const form = new FormData();
    const tar = await tarOf(Object.entries(folder).map(([name, content]) => ({ name, content })));
    form.append("archive", new Blob([new Uint8Array(tar)]), "site.tar");
    const res = await fetch(`${t.dev.baseUrl}/api/v1/projects/${t.projectId}/archives`, {
      method: "POST",
      body: form,
      headers: { cookie: t.dev.cookie, origin: t.dev.baseUrl },
    });
    expect(res.status).toBe(201);
    const source = {
      type: "archive",
      archive: { id: z.object({ id: z.string() }).parse(await res.json()).id },
    };
    const app = await t.dev.post(`/projects/${t.projectId}/apps`, {
      name: "swarmfolder",
      hostId,
      mode: "swarm",
      source,
    });
    expect(app.status, JSON.stringify(app.body)).toBe(201);
    const appId = String(app.body.app.id);
    const dep = await t.dev.post(`/apps/${appId}/deploy`, { source });
    expect(dep.status, JSON.stringify(dep.body)).toBe(200);
    expect((await appFiles(appId)).configs).toHaveLength(2); // conf/app.conf and seed/hello.txt
    const [task] = await eventually(
      () => appContainers(appId),
      (l) => l.length === 1,
    );
    expect(sh(task.Id, "cat /etc/app.conf")).toBe("setting=from-folder");
    expect(sh(task.Id, "cat /data/hello.txt")).toBe("seeded");
    const mounts = (await engine.getContainer(task.Id).inspect()).Mounts;
    expect(mounts.find((m) => m.Destination === "/data")?.Type).toBe("volume");
    expect(mounts.filter((m) => m.Type === "bind" && !m.Source.includes("/configs/"))).toEqual([]);
    expect((await t.dev.delete(`/apps/${appId}`)).status).toBe(200);
  });
});
