import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ApiClient, auditOutcomes, createUserClient } from "../helpers/api-client";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";

let server: WharfServer | undefined;
afterAll(() => server?.stop());

describe("first run", () => {
  it("generates a strong admin password when none is configured, prints it once, and it works", async () => {
    server = await startWharfServer({ env: { WHARF_ADMIN_PASSWORD: "" } });
    const log = fs.readFileSync(path.join(server.dataDir, "server.log"), "utf8");
    const printed = log.match(/password: (\S+)/)?.[1];
    expect(printed).toBeDefined();
    expect(printed!.length).toBeGreaterThanOrEqual(20);
    await new ApiClient(server.baseUrl).login(server.adminEmail, printed!);
    expect(
      (
        await new ApiClient(server.baseUrl).request("POST", "/session", {
          email: server.adminEmail,
          password: "admin",
        })
      ).status,
    ).toBe(401);
  });

  it("has no sign-up: nobody can create an account without being admin", async () => {
    const anon = new ApiClient(server!.baseUrl);
    expect((await anon.post("/users", { email: "me@wharf.test" })).status).toBe(401);
  });
});

describe("tenants, users and projects", () => {
  it("runs the admin's full cycle with validation errors naming fields", async () => {
    const s = server!;
    const log = fs.readFileSync(path.join(s.dataDir, "server.log"), "utf8");
    const admin = await new ApiClient(s.baseUrl).login(s.adminEmail, log.match(/password: (\S+)/)![1]);

    const bad = await admin.post("/tenants", { name: "", maxContainers: -1 });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(["name", "maxContainers"]));

    const t = (
      await admin.post("/tenants", { name: "Acme Corp", maxContainers: 5, maxMemoryMb: 1024, maxCpus: 2 })
    ).body;
    expect(t).toMatchObject({ slug: "acme-corp", maxContainers: 5, maxMemoryMb: 1024, maxCpus: 2 });
    expect((await admin.post("/tenants", { name: "Acme Corp" })).status).toBe(409);
    expect((await admin.patch(`/tenants/${t.id}`, { name: "Acme" })).body.name).toBe("Acme");

    const { client: owner, user } = await createUserClient(admin, "owner@acme.test", {
      memberships: [{ tenantId: t.id, role: "owner" }],
    });
    // The helper signed in with the one-time password and changed it: the server allows nothing else before that.
    expect((await owner.get("/me")).body.mustChangePassword).toBe(false);
    const p = (await owner.post("/projects", { tenantId: t.id, name: "Shop" })).body;
    expect((await owner.patch(`/projects/${p.id}`, { name: "Shop 2" })).body.name).toBe("Shop 2");
    expect((await admin.post(`/tenants/${t.id}/members`, { userId: user.id, role: "viewer" })).status).toBe(
      200,
    );
    expect((await owner.patch(`/projects/${p.id}`, { name: "Shop 3" })).status).toBe(403);

    const refused = await admin.delete(`/tenants/${t.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/1 project/);
    expect((await admin.get(`/projects/${p.id}`)).status).toBe(200);
    expect((await admin.delete(`/tenants/${t.id}?confirm=true`)).status).toBe(200);
    expect((await admin.get(`/projects/${p.id}`)).status).toBe(404);

    const audit = await auditOutcomes(admin, "tenant.");
    expect(audit).toEqual(
      expect.arrayContaining([
        "tenant.create:success",
        "tenant.create:failure",
        "tenant.update:success",
        "tenant.delete:failure",
        "tenant.delete:success",
      ]),
    );
  });

  it("serves an OpenAPI document generated from the request schemas", async () => {
    const doc = await (await fetch(`${server!.baseUrl}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/projects"].post.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["tenantId", "name"]),
    );
  });
});

describe("public assets", () => {
  it("serves the favicon, the icons and a web manifest whose icons exist, without signing in", async () => {
    const base = server!.baseUrl;
    const ico = await fetch(`${base}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(Buffer.from(await ico.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    const manifest = await (await fetch(`${base}/manifest.webmanifest`)).json();
    expect(manifest.name).toBe("Wharf");
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const res = await fetch(`${base}${icon.src}`);
      expect(res.status, icon.src).toBe(200);
      expect(res.headers.get("content-type"), icon.src).toContain(icon.type.split("+")[0]);
    }
    const login = await (await fetch(`${base}/login`)).text();
    expect(login).toContain('rel="manifest" href="/manifest.webmanifest"');
  });
});

describe("sign-in without JavaScript", () => {
  it("accepts the sign-in form posted natively and redirects, with the same errors", async () => {
    const s = server!;
    const log = fs.readFileSync(path.join(s.dataDir, "server.log"), "utf8");
    const password = log.match(/password: (\S+)/)![1];
    const post = (body: string) =>
      fetch(`${s.baseUrl}/api/v1/session`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: s.baseUrl, "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    const ok = await post(new URLSearchParams({ email: s.adminEmail, password }).toString());
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/");
    expect(ok.headers.get("set-cookie")).toMatch(/^wharf_session=.+HttpOnly; SameSite=Lax/);
    const bad = await post(
      new URLSearchParams({ email: s.adminEmail, password: "nope-nope-nope" }).toString(),
    );
    expect(bad.headers.get("location")).toBe("/login?error=invalid_credentials");
    expect(bad.headers.get("set-cookie")).toBeNull();
  });
});
