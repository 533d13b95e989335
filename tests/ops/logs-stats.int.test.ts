import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "@/tests/helpers/api-client";
import type { WharfServer } from "@/tests/helpers/wharf-server";
import { readNdjson, readSse, removeByPrefix, runContainer, startOps, until } from "./helpers";

// Logs (both streams, with and without a TTY, tail, follow, download) and live stats, on the real engine.
const uniq = `opslog${Date.now().toString(36)}`;
let server: WharfServer;
let admin: ApiClient;
const ids: Record<string, string> = {};
// Prints a numbered pair (stdout + stderr) every 0.2 s after five lines up front.
const chatty = [
  "sh",
  "-c",
  "for i in 1 2 3 4 5; do echo out-$i; echo err-$i >&2; done; i=5; while true; do i=$((i+1)); echo out-$i; echo err-$i >&2; sleep 0.2; done",
];

beforeAll(async () => {
  ({ server, admin } = await startOps());
  ids.plain = (await runContainer(`${uniq}-plain`, chatty)).id;
  ids.tty = (await runContainer(`${uniq}-tty`, chatty, { tty: true })).id;
  ids.busy = (await runContainer(`${uniq}-busy`, ["sh", "-c", "while true; do :; done"])).id;
  ids.quiet = (await runContainer(`${uniq}-quiet`, ["sleep", "600"])).id;
}, 120_000);

afterAll(async () => {
  await removeByPrefix(uniq);
  await server?.stop();
});

/** All of the container's log lines (tail=all), once there are at least ten. */
const loggedTen = (id: string) =>
  until(`ten lines logged by ${id}`, async () => {
    const { lines } = await readNdjson(admin, `/containers/${id}/logs?tail=all`, () => false);
    return lines.length >= 10 && lines;
  });

describe("container logs", () => {
  it("tells stdout from stderr without a TTY, and honours tail and timestamps", async () => {
    const all = await loggedTen(ids.plain);
    // The engine keeps each stream's order; how the two interleave is up to the scheduler.
    const firstFive = (stream: string) =>
      all
        .filter((l) => l.stream === stream)
        .slice(0, 5)
        .map((l) => l.text);
    expect(firstFive("stdout")).toEqual(["out-1", "out-2", "out-3", "out-4", "out-5"]);
    expect(firstFive("stderr")).toEqual(["err-1", "err-2", "err-3", "err-4", "err-5"]);
    expect(all[0].ts).toBeUndefined();
    const tail = await readNdjson(admin, `/containers/${ids.plain}/logs?tail=3&timestamps=true`, () => false);
    expect(tail.ended).toBe(true);
    expect(tail.lines).toHaveLength(3);
    expect(tail.lines[0].ts).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("reads a TTY container's raw stream (everything is stdout)", async () => {
    const lines = await loggedTen(ids.tty);
    expect(new Set(lines.map((l) => l.stream))).toEqual(new Set(["stdout"]));
    expect(lines.slice(0, 4).map((l) => l.text)).toEqual(["out-1", "err-1", "out-2", "err-2"]);
  });

  it("follows: a line printed after following started arrives, with no repeats at the seam", async () => {
    const first = (await readNdjson(admin, `/containers/${ids.plain}/logs?tail=1`, () => false)).lines[0]
      .text;
    const n0 = Number(first.split("-")[1]);
    const res = await readNdjson(admin, `/containers/${ids.plain}/logs?tail=2&follow=true`, (ls) =>
      ls.some((l) => l.stream === "stdout" && Number(l.text.split("-")[1]) >= n0 + 5),
    );
    expect(res.status).toBe(200);
    const outs = res.lines.filter((l) => l.stream === "stdout").map((l) => Number(l.text.split("-")[1]));
    expect(Math.max(...outs)).toBeGreaterThanOrEqual(n0 + 5);
    expect(new Set(outs).size).toBe(outs.length);
    for (let i = 1; i < outs.length; i++) expect(outs[i]).toBe(outs[i - 1] + 1);
  });

  it("shares one engine stream between followers and closes it when the last one leaves", async () => {
    const streams = async () =>
      (await admin.get("/cluster/health")).body.streams as {
        logs: { key: string; listeners: number }[];
        stats: { key: string; listeners: number }[];
      };
    const mine = (list: { key: string; listeners: number }[]) =>
      list.filter((s) => s.key.endsWith(`/${ids.plain}`));
    const viewers = [new AbortController(), new AbortController(), new AbortController()];
    const got = viewers.map(() => 0);
    const reads = viewers.map(async (ac, i) => {
      const res = await fetch(`${server.baseUrl}/api/v1/containers/${ids.plain}/logs?tail=0&follow=true`, {
        headers: { cookie: admin.cookie },
        signal: ac.signal,
      });
      try {
        for await (const chunk of res.body ?? [])
          got[i] += Buffer.from(chunk).toString().split("\n").length - 1;
      } catch {
        /* aborted */
      }
    });
    await until("every follower receives lines", async () => got.every((n) => n > 0));
    expect(mine((await streams()).logs)).toEqual([{ key: expect.any(String), listeners: 3 }]);
    viewers[0].abort();
    await until("two left on the one stream", async () => mine((await streams()).logs)[0]?.listeners === 2);
    viewers[1].abort();
    viewers[2].abort();
    await Promise.allSettled(reads);
    await until("engine stream closed", async () => mine((await streams()).logs).length === 0);
  });

  it("follows a TTY container too, and over SSE", async () => {
    const res = await readSse<{ lines: { text: string }[] }>(
      admin,
      `/containers/${ids.tty}/logs?tail=1&follow=true`,
      (evs) => evs.flatMap((e) => e.lines).length >= 4,
    );
    expect(res.status).toBe(200);
    expect(res.events.flatMap((e) => e.lines).length).toBeGreaterThanOrEqual(4);
  });

  it("downloads as a plain-text attachment", async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/containers/${ids.plain}/logs?tail=4&download=true`, {
      headers: { cookie: admin.cookie },
    });
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename=".*\.log"/);
    expect((await res.text()).trim().split("\n")).toHaveLength(4);
  });

  it("refuses a bad tail with the parameter named", async () => {
    const res = await admin.get(`/containers/${ids.plain}/logs?tail=-3`);
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toHaveProperty("tail");
  });
});

describe("container stats", () => {
  it("samples a busy container: CPU above zero, memory against the limit", async () => {
    const res = await readSse<{ cpuPercent: number; memoryBytes: number; memoryLimitBytes: number }>(
      admin,
      `/containers/${ids.busy}/stats`,
      (evs) => evs.some((e) => e.cpuPercent > 0),
      30_000,
    );
    expect(res.status).toBe(200);
    const busy = res.events.find((e) => e.cpuPercent > 0)!;
    expect(busy.cpuPercent).toBeGreaterThan(5);
    expect(busy.memoryLimitBytes).toBeGreaterThan(0);
    await until(
      "stats stream closed after the viewer left",
      async () =>
        !((await admin.get("/cluster/health")).body.streams.stats as { key: string }[]).some((x) =>
          x.key.endsWith(ids.busy),
        ),
    );
    const one = await admin.get(`/containers/${ids.quiet}/stats?stream=false`);
    expect(one.status).toBe(200);
    expect(one.body.cpuPercent).toBeLessThan(5);
  });
});

describe("container detail and actions", () => {
  it("shows the detail with secret-looking env masked, then stops, starts and removes", async () => {
    const { docker } = await import("./helpers");
    const c = await docker.createContainer({
      name: `${uniq}-env`,
      Image: "wharf-busybox:latest",
      Cmd: ["sleep", "600"],
      Env: ["DB_PASSWORD=hunter2", "MODE=prod"],
    });
    await c.start();
    const d = await admin.get(`/containers/${uniq}-env`);
    expect(d.status).toBe(200);
    expect(d.body.env).toEqual(expect.arrayContaining(["DB_PASSWORD=••••••", "MODE=prod"]));
    expect(JSON.stringify(d.body.raw)).not.toContain("hunter2");
    expect(d.body.state.running).toBe(true);
    expect((await admin.post(`/containers/${c.id}/kill`)).status).toBe(200);
    expect((await admin.get(`/containers/${c.id}`)).body.state.running).toBe(false);
    expect((await admin.post(`/containers/${c.id}/start`)).status).toBe(200);
    expect((await admin.post(`/containers/${c.id}/restart`)).status).toBe(200);
    expect((await admin.get(`/containers/${c.id}`)).body.state.running).toBe(true);
    expect((await admin.delete(`/containers/${c.id}`)).status).toBe(409); // running: needs force
    expect((await admin.request("DELETE", `/containers/${c.id}?force=true`)).status).toBe(204);
    expect((await admin.get(`/containers/${c.id}`)).status).toBe(404);
  });
});
