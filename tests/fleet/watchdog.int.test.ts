import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FleetBus } from "@/lib/fleet/bus";
import { HostFollower } from "@/lib/fleet/follower";
import { FleetStore } from "@/lib/fleet/store";
import { WATCHDOG_INTERVAL_MS } from "@/lib/fleet/watchdog";
import { runContainer, until } from "./engine";

// The stall watchdog of one follower, against the real local engine behind a pass-through socket that counts the
// follower's /_ping requests and can freeze (a hung engine: its socket open, nothing answered).
const uniq = `wd${Date.now().toString(36)}`;
const local = new Docker({ socketPath: "/var/run/docker.sock" });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-watchdog-"));
const socketPath = path.join(dir, "engine.sock");
let pings = 0;
let frozen = false;
const proxy = net.createServer((client) => {
  const engine = net.connect("/var/run/docker.sock");
  client.on("data", (chunk) => {
    pings += chunk.toString("latin1").match(/^(GET|HEAD) \/(v[\d.]+\/)?_ping /gm)?.length ?? 0;
    if (!frozen) engine.write(chunk);
  });
  engine.on("data", (chunk) => frozen || client.write(chunk));
  client.on("error", () => engine.destroy());
  engine.on("error", () => client.destroy());
  client.on("close", () => engine.destroy());
  engine.on("close", () => client.destroy());
});
const store = new FleetStore(new FleetBus());
const follower = new HostFollower(store, { id: `host-${uniq}`, url: `unix://${socketPath}` });
const state = () => store.hosts.get(`host-${uniq}`)?.status.state;

beforeAll(async () => {
  await new Promise<void>((r) => proxy.listen(socketPath, r));
  store.addHost(`host-${uniq}`, uniq);
  follower.start();
  await until("the follower is up", async () => state() === "up");
});

afterAll(async () => {
  follower.stop();
  proxy.close();
  for (const c of await local.listContainers({ all: true, filters: { name: [uniq] } }))
    await local.getContainer(c.Id).remove({ force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the follower's stall watchdog", () => {
  it("sends no ping while events arrive, and pings once the stream is quiet", async () => {
    const c = await runContainer(local, `${uniq}-events`);
    // An event at least every second for three intervals: each proves the stream alive.
    pings = 0;
    const eventsUntil = Date.now() + 3 * WATCHDOG_INTERVAL_MS;
    for (let paused = false; Date.now() < eventsUntil; paused = !paused) {
      await (paused ? c.unpause() : c.pause());
      await sleep(700);
    }
    expect(pings).toBe(0);
    // Quiet for three intervals: pinged at least twice.
    await c.unpause().catch(() => {});
    await sleep(1000);
    pings = 0;
    await sleep(3 * WATCHDOG_INTERVAL_MS);
    expect(pings).toBeGreaterThanOrEqual(2);
  });

  it("still finds a hung engine right after an event", async () => {
    const c = await runContainer(local, `${uniq}-hang`);
    await c.pause();
    await sleep(200);
    frozen = true;
    const frozenAt = Date.now();
    await until("the host leaves up", async () => state() !== "up");
    // Two intervals at most: the quiet interval since the last event, then the ping's own timeout.
    expect(Date.now() - frozenAt).toBeLessThan(2 * WATCHDOG_INTERVAL_MS + 1500);
    frozen = false;
  });
});
