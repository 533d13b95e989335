import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployComposeApp, startAdminWorld, type AdminWorld, type TenantSetup } from "@/tests/deploy/helpers";
import { readNdjson, until } from "./helpers";

// Merged logs of an app deployed through the deploy API: both services' lines, each naming its container;
// follow brings new lines; another tenant's developer gets 404.
const uniq = `opsapp${Date.now().toString(36)}`;
const compose = `services:
  alpha:
    image: wharf-busybox:latest
    command: ["sh", "-c", "i=0; while true; do i=$$((i+1)); echo alpha-$$i; sleep 0.3; done"]
  beta:
    image: wharf-busybox:latest
    command: ["sh", "-c", "i=0; while true; do i=$$((i+1)); echo beta-$$i >&2; sleep 0.3; done"]
`;
let world: AdminWorld | undefined;
let a: TenantSetup;
let b: TenantSetup;
let appId: string;

beforeAll(async () => {
  world = await startAdminWorld();
  a = await world.tenant(`Ops A ${uniq}`);
  b = await world.tenant(`Ops B ${uniq}`);
  appId = await deployComposeApp(a.dev, a.projectId, { name: uniq, hostId: world.hostId, compose });
}, 180_000);

afterAll(() => world?.stop());

describe("app merged logs", () => {
  it("merges every container's tail by time, naming the container on each line", async () => {
    const lines = await until(
      "both services logged",
      async () => {
        const r = await readNdjson(a.dev, `/apps/${appId}/logs?tail=20&timestamps=true`, () => false);
        return (
          r.lines.some((l) => l.text.startsWith("alpha-")) &&
          r.lines.some((l) => l.text.startsWith("beta-")) &&
          r.lines
        );
      },
      30_000,
    );
    expect(lines.length).toBeLessThanOrEqual(20);
    for (const l of lines) expect(l.container).toMatch(l.text.startsWith("alpha-") ? /alpha/ : /beta/);
    expect(lines.find((l) => l.text.startsWith("beta-"))?.stream).toBe("stderr");
    const ts = lines.map((l) => l.ts!);
    expect([...ts].sort()).toEqual(ts);
  });

  it("follows new lines from every container", async () => {
    const res = await readNdjson(
      a.dev,
      `/apps/${appId}/logs?tail=0&follow=true`,
      (ls) => ls.some((l) => l.text.startsWith("alpha-")) && ls.some((l) => l.text.startsWith("beta-")),
    );
    expect(res.status).toBe(200);
  });

  it("filters to one service's containers", async () => {
    const r = await readNdjson(a.dev, `/apps/${appId}/logs?tail=40&service=beta`, () => false);
    expect(r.status).toBe(200);
    expect(r.lines.length).toBeGreaterThan(0);
    for (const l of r.lines) expect(l.container).toMatch(/_beta_/);
    const none = await readNdjson(a.dev, `/apps/${appId}/logs?tail=5&service=gamma`, () => false);
    expect(none.lines).toEqual([]);
  });

  it("is a 404 for another tenant", async () => {
    expect((await b.dev.get(`/apps/${appId}/logs?tail=5`)).status).toBe(404);
  });
});
