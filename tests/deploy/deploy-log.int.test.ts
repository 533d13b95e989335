// Issue 19 item 4: a deploy's progress lines are kept with its revision on the server (bounded, scrubbed of secrets
// like build logs), so the app page shows them to anyone who may see the app, not only the tab that deployed.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTenantWorld, type TenantSetup } from "./helpers";
import { createUserClient, type ApiClient } from "../helpers/api-client";

const secret = `pw-${randomBytes(8).toString("hex")}`;
// The secret variable names the command, so the engine's refusal to start it quotes the secret.
const failing = `services:\n  web:\n    image: wharf-busybox:latest\n    command: ["/missing-\${DB_PW}"]\n`;
const working = `services:\n  web:\n    image: wharf-busybox:latest\n    command: ["sleep", "3600"]\n`;
let world: Awaited<ReturnType<typeof startTenantWorld>> | undefined;
let t: TenantSetup;
let other: TenantSetup;
let viewer: ApiClient;
let appId = "";

type Line = { phase: string; message: string };
const lastDeploy = async (who: ApiClient) => {
  const res = await who.get(`/apps/${appId}/last-deploy`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.lastDeploy as {
    revision: number;
    outcome: string;
    lines: Line[];
    truncated: boolean;
  } | null;
};

beforeAll(async () => {
  world = await startTenantWorld("DeployLog");
  t = world.t;
  other = await world.tenant(`Other ${Date.now().toString(36)}`);
  ({ client: viewer } = await createUserClient(
    world.admin,
    `viewer-log-${Date.now().toString(36)}@wharf.test`,
    {
      memberships: [{ tenantId: t.tenantId, role: "viewer" }],
    },
  ));
  const created = await t.dev.post(`/projects/${t.projectId}/apps`, {
    name: "logged",
    hostId: world.hostId,
    source: { type: "compose", compose: failing },
    variables: [{ name: "DB_PW", value: secret, secret: true }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  appId = created.body.app.id;
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

describe("the last deploy's log, kept on the server", () => {
  it("is empty before any deploy, then keeps a failed deploy's lines without its secret, for a viewer too", async () => {
    expect(await lastDeploy(viewer)).toBeNull();
    const res = await t.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose: failing } });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    const last = await lastDeploy(viewer);
    expect(last).toMatchObject({ revision: 1, outcome: "failed", truncated: false });
    expect(last!.lines.map((l) => l.phase)).toContain("plan");
    const end = last!.lines.at(-1)!;
    expect(end.phase).toBe("failed");
    expect(end.message).toContain("/missing-••••••");
    const listed = JSON.stringify(await t.dev.get(`/apps/${appId}/revisions`));
    expect(`${JSON.stringify(last)}${listed}`).not.toContain(secret);
  });

  it("shows the newest finished deploy, and answers 404 to another tenant", async () => {
    const res = await t.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose: working } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const last = await lastDeploy(viewer);
    expect(last).toMatchObject({ revision: 2, outcome: "succeeded" });
    expect(last!.lines.at(-1)).toMatchObject({ phase: "done", message: "revision 2 is live" });
    expect((await other.dev.get(`/apps/${appId}/last-deploy`)).status).toBe(404);
  });
});
