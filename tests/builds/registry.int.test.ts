// Registries against Debian's docker-registry with htpasswd: wrong credentials are refused clearly and
// the password appears nowhere (response, audit, server log); a build pushes to it; the image pulls back.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, engine, startSuite, stopSuite, succeededInlineBuild, uniq, type Suite } from "./helpers";
import { pullImage } from "../../lib/docker/pull-auth";
import { createUserClient } from "../helpers/api-client";
import { allowEgress } from "../helpers/egress";
import { postRegistry, startedRegistry } from "../helpers/registry";

let reg: { user: string; password: string; addr: string };
let s: Suite;
const wrong = `wrong-${uniq("pw")}`;

beforeAll(async () => {
  reg = startedRegistry();
  s = await startSuite();
  await allowEgress(s.admin, reg.addr, "the test registry");
});
afterAll(async () => stopSuite(s));

const basic = () => `Basic ${Buffer.from(`${reg.user}:${reg.password}`).toString("base64")}`;

describe("registries", () => {
  let registryId = "";

  it("refuses credentials the registry rejects, without the password anywhere", async () => {
    const res = await postRegistry(s.dev, s.tenantId, "Local", reg, { password: wrong });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(
      new RegExp(`registry ${reg.addr.replace(/\./g, "\\.")} refused the credentials`),
    );
    expect(res.body.error.fields.password).toMatch(/refused/);
    expect(JSON.stringify(res.body)).not.toContain(wrong);
    const audit = await s.admin.get("/audit?action=registry.create");
    expect(audit.body.items.some((e: { outcome: string }) => e.outcome === "failure")).toBe(true);
    expect(JSON.stringify(audit.body)).not.toContain(wrong);
    const unreachable = await s.dev.post("/registries", {
      tenantId: s.tenantId,
      name: "Nowhere",
      url: "127.0.0.1:9",
      username: "u",
      password: wrong,
    });
    expect(unreachable.status).toBe(422);
    // Loopback, and not on the allow-list: refused before any connection (docs/security.md "Egress").
    expect(unreachable.body.error.fields.url).toMatch(/refused by the egress policy/);
  });

  it("stores working credentials encrypted and never returns them", async () => {
    const res = await postRegistry(s.dev, s.tenantId, "Local", reg);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    registryId = res.body.id;
    expect(res.body).toMatchObject({ name: "Local", url: reg.addr, host: reg.addr, username: reg.user });
    const list = await s.dev.get(`/registries?tenantId=${s.tenantId}`);
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify([res.body, list.body])).not.toContain(reg.password);
    const patch = await s.dev.patch(`/registries/${registryId}`, { url: "127.0.0.2:5000" });
    expect(patch.status).toBe(422);
    expect(patch.body.error.fields.password).toMatch(/password again/);
  });

  it("pushes a build's tags with the tenant's credentials, and the image pulls back with them", async () => {
    const repo = uniq("it").toLowerCase();
    const { build, log } = await succeededInlineBuild(s.dev, {
      projectId: s.projectId,
      hostId: s.hostId,
      dockerfile: `FROM ${BASE}\nRUN echo pushed > /pushed\n`,
      tags: [`${repo}/web:v1`],
      registryId,
    });
    const remote = `${reg.addr}/${repo}/web:v1`;
    expect(build.tags).toContain(remote);
    expect(log).toContain(`Pushed ${remote}`);
    const tags = await fetch(`http://${reg.addr}/v2/${repo}/web/tags/list`, {
      headers: { authorization: basic() },
    }).then((r) => r.json());
    expect(tags.tags).toEqual(["v1"]);
    // The push alias is not left on the host; pull it back through the deploy helper with the same credentials.
    await expect(engine.getImage(remote).inspect()).rejects.toThrow();
    await expect(
      pullImage(engine, remote, { username: reg.user, password: wrong, serveraddress: reg.addr }),
    ).rejects.toThrow(/unauthorized|authentication required|denied/i);
    await pullImage(engine, remote, { username: reg.user, password: reg.password, serveraddress: reg.addr });
    expect((await engine.getImage(remote).inspect()).Id).toBe(build.imageId);
    await engine.getImage(remote).remove({ noprune: true });
    // Pushing again later, to the same registry, from the build page's action.
    const again = await s.dev.post(`/builds/${build.id}/push`, { registryId });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const full = await fetch(`${s.server.baseUrl}/api/v1/builds/${build.id}/log`, {
      headers: { cookie: s.dev.cookie },
    }).then((r) => r.text());
    expect(full).not.toContain(reg.password);
  });

  it("keeps registries per tenant and leaves no password in the server log", async () => {
    const t2 = await s.admin.post("/tenants", { name: uniq("Other") });
    const { client: outsider } = await createUserClient(s.admin, `${uniq("out")}@wharf.test`, {
      memberships: [{ tenantId: t2.body.id, role: "owner" }],
    });
    expect((await outsider.get("/registries")).body.items).toEqual([]);
    expect((await outsider.patch(`/registries/${registryId}`, { name: "Mine" })).status).toBe(404);
    expect((await outsider.delete(`/registries/${registryId}`)).status).toBe(404);
    const other = await outsider.post("/builds", {
      projectId: s.projectId,
      hostId: s.hostId,
      sourceType: "inline",
      inline: { dockerfile: `FROM ${BASE}\n` },
      registryId,
    });
    expect(other.status).toBe(404);
    expect((await s.dev.delete(`/registries/${registryId}`)).status).toBe(204);
    const serverLog = fs.readFileSync(path.join(s.server.dataDir, "server.log"), "utf8");
    expect(serverLog).not.toContain(reg.password);
    expect(serverLog).not.toContain(wrong);
  });
});
