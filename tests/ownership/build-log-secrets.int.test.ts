// Issue 12, item 5, on the build log: a build's secret args (marked, secret-named, URL passwords) and the
// tenant's registry password never reach its log — neither the stream read while it runs (by the
// developer and by a viewer), nor the stored log, nor the build's error, nor what a later push appends.
// The Dockerfile prints every value, one of them in two pieces a second apart (two engine chunks), and the
// image's history on the engine shows the RUN steps really had the values, so the test can fail.
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finish } from "../builds/helpers";
import { engine, startAdminWorld, type AdminWorld, type TenantSetup } from "../deploy/helpers";
import { createUserClient, type ApiClient } from "../helpers/api-client";
import { allowEgress } from "../helpers/egress";
import { postRegistry, startedRegistry } from "../helpers/registry";
import type { WharfServer } from "../helpers/wharf-server";

const MASK = "••••••";
const r = () => randomBytes(6).toString("hex");
const secrets = { pin: `pin-${r()}`, npm: `npm-${r()}`, mirror: `mirrorpw-${r()}` };
let regPassword = "";
const all = () => [...Object.values(secrets), regPassword];
const leaks = (text: string) => all().filter((s) => text.includes(s));

const DOCKERFILE = [
  "FROM wharf-busybox:latest",
  "ARG PIN",
  "ARG NPM_TOKEN",
  "ARG MIRROR",
  "ARG REG_COPY",
  "ARG MODE",
  'RUN echo "pin=$PIN token=$NPM_TOKEN mirror=$MIRROR reg=$REG_COPY mode=$MODE"',
  // The PIN again, cut in two and printed a second apart: two chunks of the engine's stream.
  `RUN printf 'split=%s' "$(echo "$PIN" | cut -c1-7)"; sleep 1; echo "$PIN" | cut -c8-`,
].join("\n");

let world: AdminWorld | undefined;
let server: WharfServer;
let admin: ApiClient;
let viewer: ApiClient;
let t: TenantSetup;
let hostId = "";
let registryId = "";
const args = () => ({
  PIN: secrets.pin,
  NPM_TOKEN: secrets.npm,
  MIRROR: `https://ci:${secrets.mirror}@mirror.example/npm`,
  // The registry password under an innocent, unmarked name: still the tenant's credential.
  REG_COPY: regPassword,
  MODE: "production",
});

/** Starts a build and reads its log live, as the developer and as the viewer, until it ends. */
async function buildAndFollow(dockerfile: string, extra: Record<string, unknown> = {}) {
  const res = await t.dev.post("/builds", {
    projectId: t.projectId,
    hostId,
    sourceType: "inline",
    inline: { dockerfile },
    buildArgs: args(),
    secretArgs: ["PIN"],
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const [dev, view] = await Promise.all([finish(t.dev, res.body.id), finish(viewer, res.body.id)]);
  return { id: res.body.id as string, dev, view };
}

beforeAll(async () => {
  const reg = startedRegistry();
  regPassword = reg.password;
  world = await startAdminWorld();
  ({ server, admin, hostId } = world);
  await allowEgress(admin, reg.addr, "the test registry");
  t = await world.tenant(`Log secrets ${Date.now().toString(36)}`);
  ({ client: viewer } = await createUserClient(admin, `viewer-${Date.now().toString(36)}@wharf.test`, {
    memberships: [{ tenantId: t.tenantId, role: "viewer" }],
  }));
  const created = await postRegistry(t.dev, t.tenantId, "own", reg, { url: `http://${reg.addr}` });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  registryId = created.body.id;
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

describe("build logs hold no secrets", () => {
  let ok: Awaited<ReturnType<typeof buildAndFollow>>;

  it("the streamed log, read live by the developer and by a viewer, masks every secret value", async () => {
    expect(regPassword.length).toBeGreaterThanOrEqual(4);
    ok = await buildAndFollow(DOCKERFILE, { tags: ["logs:1"], registryId });
    expect(ok.dev.build.status, ok.dev.log).toBe("succeeded");
    for (const { log } of [ok.dev, ok.view]) {
      expect(leaks(log)).toEqual([]);
      expect(log).toContain(`pin=${MASK} token=${MASK} mirror=https://ci:${MASK}@mirror.example/npm`);
      expect(log).toContain(`reg=${MASK} mode=production`); // the unsecret value is still shown
      expect(log).toMatch(/Pushed /); // the push to the tenant's registry ran in this log
    }
  }, 180_000);

  it("the engine really ran the steps with the values (its image history records them)", async () => {
    const history = await engine.getImage(ok.dev.build.imageId).history();
    const steps = history.map((h: { CreatedBy: string }) => h.CreatedBy).join("\n");
    expect(steps).toContain(secrets.pin);
    expect(steps).toContain(secrets.npm);
  });

  it("the stored log (read back after the build, and in the database file) masks them too", async () => {
    const stored = await finish(viewer, ok.id);
    expect(stored.log).toContain("mode=production");
    expect(leaks(stored.log)).toEqual([]);
    const db = new Database(path.join(server.dataDir, "wharf.db"), { readonly: true });
    try {
      const rows = db.prepare("select log, error from Build").all() as { log: string; error: string }[];
      expect(rows.length).toBeGreaterThan(0);
      expect(leaks(JSON.stringify(rows))).toEqual([]);
    } finally {
      db.close();
    }
  });

  it("a push after the build appends a scrubbed log", async () => {
    const pushed = await t.dev.post(`/builds/${ok.id}/push`, { registryId });
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    const after = await finish(t.dev, ok.id);
    expect(after.log.match(/Pushed /g)?.length).toBeGreaterThanOrEqual(2);
    expect(leaks(after.log)).toEqual([]);
  }, 120_000);

  it("a failed build's log and error mask them", async () => {
    const failed = await buildAndFollow(
      'FROM wharf-busybox:latest\nARG NPM_TOKEN\nARG PIN\nRUN echo "about to fail with $NPM_TOKEN $PIN" && exit 3\n',
    );
    expect(failed.dev.build.status).toBe("failed");
    expect(failed.dev.log).toContain(`about to fail with ${MASK} ${MASK}`);
    for (const body of [failed.dev, failed.view]) {
      expect(leaks(body.log)).toEqual([]);
      expect(body.build.error).toBeTruthy();
      expect(leaks(body.build.error)).toEqual([]);
    }
    // The build's own args stay the developer's to read (where they set them); a viewer gets masks.
    expect(failed.view.build.source.buildArgs).toMatchObject({ PIN: MASK, NPM_TOKEN: MASK });
  }, 120_000);
});
