// Issue 20, rolling restart: an instance stopped with SIGTERM leaves HAProxy first, so no client request fails
// (lib/graceful-stop.ts; docs/database.md, "Rolling restart"). Two instances behind HAProxy (tests/helpers/ha-pair.ts,
// the configuration of scripts/ha.sh, the shipped drain defaults), a closed-loop load of GETs through HAProxy, one
// stream client and one streamed deploy on the instance that is stopped. PostgreSQL pass only
// (tests/postgres-subset.txt), like the other HAProxy tests.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { closedLoop } from "./closed-loop";
import { openMirror } from "./mirror-client";
import {
  adminClient,
  deployComposeApp,
  createComposeApp,
  engine,
  eventually,
  localHostId,
  removeTenantObjects,
  setupTenant,
  type TenantSetup,
} from "../deploy/helpers";
import { startHaPair, type HaPair } from "../helpers/ha-pair";
import { onPostgres } from "../helpers/test-database";
import { until } from "../helpers/until";

const runs = onPostgres();
const sleeper = (seconds: number) =>
  `services:\n  app:\n    image: wharf-busybox:latest\n    command: ["sleep", "${seconds}"]\n`;

let pair: HaPair | undefined;
let t: TenantSetup;
let hostId: string;
beforeAll(async () => {
  if (!runs) return;
  pair = await startHaPair();
  const admin = await adminClient({ ...pair.instances["wharf-1"], baseUrl: pair.url });
  hostId = await localHostId(admin);
  t = await setupTenant(admin, hostId, `Drain ${Date.now().toString(36)}`);
  await deployComposeApp(t.dev, t.projectId, { name: "before", hostId, compose: sleeper(3601) });
}, 200_000);
afterAll(async () => {
  if (t) await removeTenantObjects([t.tenantId]);
  await pair?.stop();
});

/** The instance holding the event log's writer lock (lib/fleet/event-writer-lock.ts), by WHARF_INSTANCE_ID. */
async function eventWriter(databaseUrl: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string }>(
      `SELECT s.application_name AS name FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.classid = 20 AND l.objid = 1 AND l.objsubid = 2 AND l.granted
          AND s.datname = current_database()`,
    );
    return /wharf-[12]/.exec(rows[0]?.name ?? "")?.[0] ?? null;
  } finally {
    await c.end();
  }
}

const DeployLine = z.object({ type: z.string(), phase: z.string().optional() }).loose();

/** A streamed deploy sent to one instance directly: its NDJSON lines, as they come; `creating` once it creates. */
function streamedDeploy(baseUrl: string, cookie: string, appId: string, compose: string) {
  const lines: z.infer<typeof DeployLine>[] = [];
  let sawCreating = () => {};
  const creating = new Promise<void>((r) => (sawCreating = r));
  const done = (async () => {
    const res = await fetch(`${baseUrl}/api/v1/apps/${appId}/deploy`, {
      method: "POST",
      headers: {
        cookie,
        origin: baseUrl,
        accept: "application/x-ndjson",
        "content-type": "application/json",
      },
      body: JSON.stringify({ source: { type: "compose", compose } }),
    });
    expect(res.status).toBe(200);
    let buf = "";
    for await (const chunk of res.body!.pipeThrough(new TextDecoderStream())) {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = DeployLine.parse(JSON.parse(buf.slice(0, nl)));
        buf = buf.slice(nl + 1);
        lines.push(line);
        if (line.phase === "creating") sawCreating();
      }
    }
    return lines;
  })();
  done.catch(() => sawCreating()); // a failed stream is reported by `done`
  return { creating, done };
}

describe.skipIf(!runs)("an instance stopped with SIGTERM behind HAProxy", () => {
  it("leaves HAProxy first: no request fails, its stream client and its deploy move on, it exits 0", async () => {
    const p = pair!;
    const dev = t.dev;
    // The stream client's instance is the one stopped.
    const mirror = openMirror(p.url, dev.cookie);
    const victim = (await until("the stream to open", async () => mirror.servedBy[0])) as
      | "wharf-1"
      | "wharf-2";
    const survivor = victim === "wharf-1" ? "wharf-2" : "wharf-1";
    const stopped = p.instances[victim];
    const appId = await createComposeApp(dev, t.projectId, {
      name: "during",
      hostId,
      compose: sleeper(3602),
    });

    // Six clients, each with its next GET as soon as the last is answered: the fleet's direct routes and a Next.js one.
    const load = closedLoop(
      p.url,
      dev.cookie,
      ["/api/v1/counters", "/api/v1/containers?limit=5", "/api/v1/projects"],
      6,
    );
    try {
      await until("the load to reach both instances", async () =>
        [victim, survivor].every((i) => load.outcomes.some((o) => o.instance === i && o.status === 200)),
      );
      const writerBefore = await eventWriter(stopped.databaseUrl);
      // A deploy in flight on the instance being stopped (sent to it directly): it finishes, its lease is let go.
      const deploy = streamedDeploy(stopped.baseUrl, dev.cookie, appId, sleeper(3603));
      await deploy.creating;

      const sigterm = Date.now();
      const exit = await stopped.stop();
      const exitedAfter = Date.now() - sigterm;
      expect(exit).toEqual({ code: 0, signal: null });
      // Its bound: 3 s of drain behind a proxy + up to 10 s for requests in flight + up to 5 s to hand over, and slack
      // for a loaded machine. What is checked is that it ended by itself, not its speed.
      expect(exitedAfter).toBeLessThan(30_000);
      // The load goes on through the survivor for a while after the exit.
      await until(
        "requests answered after the exit",
        async () => load.outcomes.filter((o) => o.at > sigterm + exitedAfter).length >= 100,
      );
      const outcomes = await load.stop();
      // Requests answered per instance, for the record (docs/database.md, "Rolling restart").
      const answered: Record<string, number> = {};
      for (const o of outcomes)
        answered[`${o.instance}:${o.status}`] = (answered[`${o.instance}:${o.status}`] ?? 0) + 1;
      console.log(
        `[drain test] stopped ${victim} in ${exitedAfter} ms; writer before: ${writerBefore}; GETs: ${JSON.stringify(answered)}`,
      );
      // The stopped instance served requests of the load while it drained, and not one request failed.
      expect(outcomes.filter((o) => o.instance === victim && o.at > sigterm).length).toBeGreaterThan(0);
      expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);

      // The deploy that was running there ran to its end, and its lease is free: deploying again is not refused.
      const lines = await deploy.done.catch((err: unknown) => [{ type: `cut: ${String(err)}` }]);
      expect(lines.at(-1)?.type, JSON.stringify(lines.slice(-3))).toBe("result");
      const again = await dev.post(`/apps/${appId}/deploy`, {
        source: { type: "compose", compose: sleeper(3604) },
      });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.headers.get("x-wharf-instance")).toBe(survivor);

      // The stream client reconnected through HAProxy to the survivor and shows what the engine has.
      const engineView = async () =>
        (await engine.listContainers({ all: true, filters: { label: [`wharf.tenant=${t.tenantId}`] } }))
          .map((c) => `${c.Id}:${c.State}`)
          .sort();
      const expected = await engineView();
      const rows = await eventually(
        async () => [...mirror.rows.values()].map((r) => `${r.id}:${r.state}`).sort(),
        (r) => JSON.stringify(r) === JSON.stringify(expected),
        15_000,
      );
      expect(rows).toEqual(expected);
      expect(mirror.servedBy.slice(1)).toContain(survivor);

      // The event log's writer lock is the survivor's (taken over at its next try when the stopped one held it).
      const writerAfter = await eventually(
        () => eventWriter(p.instances[survivor].databaseUrl),
        (w) => w === survivor,
        10_000,
      );
      expect({ writerBefore, writerAfter }).toMatchObject({ writerAfter: survivor });
      // Its own account: nothing was cut at the bound.
      const log = fs.readFileSync(path.join(stopped.dataDir, "server.log"), "utf8");
      expect(log).toMatch(/\[wharf\] stopping: .*every request answered/);
    } finally {
      await load.stop();
      mirror.close();
    }
  });
});
