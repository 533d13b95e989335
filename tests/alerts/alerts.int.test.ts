// Issue 24 items 5 and 6: alerts evaluated over the stored fleet events, grouped per host, delivered to a real
// webhook receiver (signed) and a real SMTP server, resolved when fixed, quiet once acknowledged or silenced, and
// invisible to another tenant (404).
import { createHmac } from "node:crypto";
import http from "node:http";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { engine, startAdminWorld, type AdminWorld, type TenantSetup } from "../deploy/helpers";
import { allowEgress } from "../helpers/egress";
import { until } from "../helpers/until";
import type { AddressInfo } from "node:net";

const GROUP_WAIT_MS = 2500;
const INTERVAL_MS = 500;
const SECRET = "receiver-secret-0123456789";
const uniq = Date.now().toString(36);

/** What the signed webhook posts (docs/alerts.md). */
const HookBody = z.object({
  event: z.string(),
  alert: z.object({
    id: z.string(),
    ruleName: z.string(),
    count: z.number(),
    subjects: z.array(z.object({ containerId: z.string().nullable() })),
  }),
});
type Hook = z.infer<typeof HookBody> & { headers: http.IncomingHttpHeaders; raw: string };
type Alert = {
  id: string;
  ruleId: string;
  state: string;
  tenantId: string | null;
  count: number;
  firedAt: string;
  notifiedAt: string | null;
  subjects: { containerId: string | null; appId: string | null }[];
  history: { event: string }[];
  sends: { outcome: string; reason: string }[];
};

const hooks: Hook[] = [];
const mails: string[] = [];
let receiver: http.Server;
let smtp: SMTPServer;
let world: AdminWorld | undefined;
let a: TenantSetup;
let b: TenantSetup;
let hookChannel = "";
let mailChannel = "";
let fleetHook = "";
const loose: string[] = [];

const listen = (
  srv: { listen: (port: number, host: string, cb: () => void) => unknown },
  addr: () => AddressInfo,
) => new Promise<number>((resolve) => srv.listen(0, "127.0.0.1", () => resolve(addr().port)));

const ok = <T>(r: { status: number; body: T }, what: string): T => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

async function deploy(appId: string, image: Record<string, unknown>) {
  const source = { type: "image", image: { image: "wharf-busybox:latest", ...image } };
  ok(await a.dev.post(`/apps/${appId}/deploy`, { source }), "deploy");
}

async function newApp(name: string) {
  const r = ok(await a.dev.post(`/projects/${a.projectId}/apps`, { name, hostId: world!.hostId }), "app");
  return (r as { app: { id: string } }).app.id;
}

const detail = async (id: string, who = a.dev) => ok(await who.get(`/alerts/${id}`), "alert") as Alert;
const firingOf = async (ruleId: string, who = a.dev) =>
  ((await who.get("/alerts?state=firing")).body.items as Alert[]).find((x) => x.ruleId === ruleId);
const hookFor = (event: string, alertId: string) =>
  hooks.filter((h) => h.event === event && h.alert.id === alertId);

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const body = HookBody.parse(JSON.parse(raw));
      hooks.push({ headers: req.headers, raw, event: body.event, alert: body.alert });
      res.end("ok");
    });
  });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, done) {
      let text = "";
      stream.on("data", (c: Buffer) => (text += c.toString()));
      stream.on("end", () => {
        mails.push(text);
        done();
      });
    },
  });
  const hookPort = await listen(receiver, () => receiver.address() as AddressInfo);
  const smtpPort = await listen(smtp, () => smtp.server.address() as AddressInfo);
  world = await startAdminWorld({
    env: {
      WHARF_ALERTS_INTERVAL_MS: String(INTERVAL_MS),
      WHARF_ALERTS_GROUP_WAIT_MS: String(GROUP_WAIT_MS),
      WHARF_ALERTS_RETRY_MS: "200",
    },
  });
  a = await world.tenant(`AlA ${uniq}`);
  b = await world.tenant(`AlB ${uniq}`);
  // A tenant's channel is held to the tenant's egress policy: loopback only once an admin allows it.
  const refused = await a.dev.post("/alert-channels", {
    tenantId: a.tenantId,
    name: "hook",
    config: { kind: "webhook", url: `http://127.0.0.1:${hookPort}/in`, secret: SECRET },
  });
  expect(refused.status).toBe(422);
  await allowEgress(world.admin, `127.0.0.1:${hookPort}`, "alerts test webhook receiver");
  hookChannel = (
    ok(
      await a.dev.post("/alert-channels", {
        tenantId: a.tenantId,
        name: "hook",
        config: { kind: "webhook", url: `http://127.0.0.1:${hookPort}/in`, secret: SECRET },
      }),
      "webhook channel",
    ) as { id: string }
  ).id;
  // Fleet-wide channels are written by admins and held to an admin's egress policy (loopback allowed).
  fleetHook = (
    ok(
      await world.admin.post("/alert-channels", {
        name: "fleet hook",
        config: { kind: "webhook", url: `http://127.0.0.1:${hookPort}/fleet`, secret: SECRET },
      }),
      "fleet webhook channel",
    ) as { id: string }
  ).id;
  const mail = ok(
    await world.admin.post("/alert-channels", {
      name: "mail",
      config: {
        kind: "email",
        host: "127.0.0.1",
        port: smtpPort,
        from: "wharf@wharf.test",
        to: ["ops@wharf.test"],
        password: "never-shown",
      },
    }),
    "mail channel",
  ) as { id: string; target: string };
  mailChannel = mail.id;
  expect(JSON.stringify((await world.admin.get("/alert-channels")).body)).not.toMatch(
    /never-shown|receiver-secret|\/in"|\/fleet"/,
  );
  // A member cannot write (or see) fleet-wide channels.
  expect((await a.dev.patch(`/alert-channels/${mailChannel}`, { name: "x" })).status).toBe(404);
}, 180_000);

afterAll(async () => {
  await Promise.all(
    loose.map((id) =>
      engine
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
  await world?.stop();
  receiver?.close();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
});

describe("alerts and notifications", () => {
  it("a crash-looping container fires the restart alert; B cannot see it; the fix resolves it and says so", async () => {
    const rule = ok(
      await a.dev.post("/alert-rules", {
        tenantId: a.tenantId,
        name: "crash loop",
        kind: "restarts",
        threshold: 1,
        windowMinutes: 5,
        channelIds: [hookChannel],
      }),
      "rule",
    ) as { id: string };
    const appId = await newApp("loop");
    await deploy(appId, { command: ["sh", "-c", "sleep 2; exit 1"], restart: "always" });
    const fired = await until("the restart alert", () => firingOf(rule.id), 40_000, 250);
    expect(fired).toMatchObject({ tenantId: a.tenantId, count: 1 });
    expect(fired.subjects[0].appId).toBe(appId);

    // Tenant B: not by id, not by acting on it, not in its lists or notifications, not by naming A's tenant.
    expect((await b.dev.get(`/alerts/${fired.id}`)).status).toBe(404);
    expect((await b.dev.post(`/alerts/${fired.id}/acknowledge`)).status).toBe(404);
    expect((await b.dev.post(`/alert-rules/${rule.id}/silence`, { until: null })).status).toBe(404);
    expect((await b.dev.get(`/alerts?tenantId=${a.tenantId}`)).status).toBe(404);
    expect(JSON.stringify((await b.dev.get("/alerts")).body)).not.toContain(fired.id);
    expect(JSON.stringify((await b.dev.get("/alert-rules")).body)).not.toContain(rule.id);
    expect(JSON.stringify((await b.dev.get("/alert-channels")).body)).not.toContain(hookChannel);

    // The webhook got it, signed with the channel's secret.
    const [hook] = await until(
      "the firing webhook",
      async () => {
        const got = hookFor("alert.firing", fired.id);
        return got.length ? got : null;
      },
      20_000,
    );
    const ts = String(hook.headers["x-wharf-timestamp"]);
    const sig = createHmac("sha256", SECRET).update(`${ts}.${hook.raw}`).digest("hex");
    expect(hook.headers["x-wharf-signature"]).toBe(`sha256=${sig}`);
    // And the tenant's members see it in the app; B's do not.
    const unread = (await a.dev.get("/notifications/unread")).body as { unread: number };
    expect(unread.unread).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify((await b.dev.get("/notifications")).body)).not.toContain(fired.id);

    // The fix: stop the loop (a deploy racing the engine's own restarts can lose the container's sandbox), then
    // deploy a command that stays up; the crash-looping container is replaced.
    const [looping] = await engine.listContainers({ all: true, filters: { label: [`wharf.app=${appId}`] } });
    await engine.getContainer(looping.Id).update({ RestartPolicy: { Name: "no" } });
    await until(
      "the loop to stop",
      async () =>
        !(await engine.getContainer(looping.Id).inspect()).State.Restarting &&
        (await engine.getContainer(looping.Id).inspect()).State.Status === "exited",
      15_000,
    );
    await deploy(appId, { command: ["sleep", "3600"], restart: "no" });
    await until("the resolution webhook", async () => hookFor("alert.resolved", fired.id).length > 0, 30_000);
    const done = await detail(fired.id);
    expect(done.state).toBe("resolved");
    expect(done.history.map((h) => h.event)).toEqual(["fired", "notified", "resolved", "notified"]);
  }, 90_000);

  it("20 containers killed on one host: ONE notification by webhook and e-mail; acked or silenced, no more", async () => {
    // Fleet-wide, by an admin: the file's own server has seen no other exit (vitest.config.ts runs this file alone).
    const rule = ok(
      await world!.admin.post("/alert-rules", {
        name: "exits",
        kind: "exited",
        severity: "critical",
        channelIds: [fleetHook, mailChannel],
      }),
      "rule",
    ) as { id: string };
    const ids = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const c = await engine.createContainer({
          name: `alert-${uniq}-${i}`,
          Image: "wharf-busybox:latest",
          Cmd: ["sleep", "3600"],
        });
        loose.push(c.id);
        await c.start();
        return c.id;
      }),
    );
    const mailsBefore = mails.length;
    await Promise.all(ids.map((id) => engine.getContainer(id).kill()));

    const alert = await until("the grouped alert", () => firingOf(rule.id, world!.admin), 30_000, 250);
    const sent = await until(
      "both sends delivered",
      async () => {
        const d = await detail(alert.id, world!.admin);
        return d.sends.length === 2 && d.sends.every((s) => s.outcome === "sent") && d;
      },
      30_000,
    );
    expect(sent.count).toBe(20);
    // A fleet-wide alert is for admins and ops: no tenant member sees it.
    expect((await a.dev.get(`/alerts/${alert.id}`)).status).toBe(404);
    expect((await b.dev.get(`/alerts/${alert.id}`)).status).toBe(404);
    const firing = hookFor("alert.firing", alert.id);
    expect(firing).toHaveLength(1);
    expect(firing[0].alert.count).toBe(20);
    expect(firing[0].alert.subjects.map((s) => s.containerId).sort()).toEqual([...ids].sort());
    expect(mails.slice(mailsBefore)).toHaveLength(1);
    expect(mails[mailsBefore]).toContain("20 containers");

    // Acknowledged, then fixed: it resolves, and nobody is told again.
    ok(await world!.admin.post(`/alerts/${alert.id}/acknowledge`), "ack");
    await Promise.all(ids.map((id) => engine.getContainer(id).start()));
    const resolved = await until("the acked alert resolved", async () => {
      const d = await detail(alert.id, world!.admin);
      return d.state === "resolved" && d;
    });
    expect(resolved.sends).toHaveLength(2);
    expect(resolved.history.filter((h) => h.event === "notified")).toHaveLength(1);
    expect(hookFor("alert.resolved", alert.id)).toEqual([]);

    // Silenced rule: the next failure opens an alert that notifies nobody, past its group wait.
    const until1h = new Date(Date.now() + 3600_000).toISOString();
    ok(await world!.admin.post(`/alert-rules/${rule.id}/silence`, { until: until1h }), "silence");
    await engine.getContainer(ids[0]).kill();
    const quiet = await until("the silenced alert", async () => {
      const f = await firingOf(rule.id, world!.admin);
      return f && f.id !== alert.id && f;
    });
    const waitedFor = Date.parse(quiet.firedAt) + GROUP_WAIT_MS + 3 * INTERVAL_MS;
    await until("its group wait to pass", async () => Date.now() > waitedFor, 10_000);
    const after = await detail(quiet.id, world!.admin);
    expect(after.notifiedAt).toBeNull();
    expect(after.sends).toEqual([]);
    expect(hooks.filter((h) => h.alert.id === quiet.id)).toEqual([]);
  }, 120_000);
});
