// Issue 24 item 2: a host's real figures from Debian's prometheus-node-exporter, started here on a free port (or
// NODE_EXPORTER_PORT) and stopped here. Only admins set the URL; members never see it nor the figures.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "./engine";
import { freePort, startAdminWorld, type AdminWorld, type TenantSetup } from "../deploy/helpers";
import type { ApiClient } from "../helpers/api-client";

const EXPORTER = "/usr/bin/prometheus-node-exporter";
let exporter: ChildProcess | undefined;
let port = 0;
let world: AdminWorld | undefined;
let admin: ApiClient;
let member: TenantSetup;

beforeAll(async () => {
  port = Number(process.env.NODE_EXPORTER_PORT) || (await freePort());
  exporter = spawn(
    EXPORTER,
    [
      `--web.listen-address=127.0.0.1:${port}`,
      "--collector.disable-defaults",
      ...["cpu", "meminfo", "loadavg", "filesystem", "netdev"].map((c) => `--collector.${c}`),
      // The root here is an overlay, which the default excludes: keep it, so "/" is measured.
      "--collector.filesystem.fs-types-exclude=^(proc|sysfs|tmpfs|devpts|cgroup2?|mqueue)$",
    ],
    { stdio: "ignore" },
  );
  await until(
    "the node exporter answers",
    () =>
      fetch(`http://127.0.0.1:${port}/metrics`).then(
        (r) => r.ok,
        () => false,
      ),
    20_000,
  );
  world = await startAdminWorld();
  admin = world.admin;
  member = await world.tenant(`NodeX ${Date.now().toString(36)}`);
}, 180_000);

afterAll(async () => {
  await world?.stop();
  exporter?.kill(); // only the exporter this file started
});

const url = () => `http://127.0.0.1:${port}/metrics`;

describe("host figures from a node exporter", () => {
  it("without one, says there are none", async () => {
    const res = await admin.get(`/hosts/${world!.hostId}/figures`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ exporter: false, error: null, at: null, figures: null });
  });

  it("refuses a bad or unreadable URL, naming the field, and a member's edit", async () => {
    for (const bad of [
      "ftp://127.0.0.1/metrics",
      "not a url",
      `http://127.0.0.1:${await freePort()}/metrics`,
    ]) {
      const res = await admin.patch(`/hosts/${world!.hostId}`, { nodeExporterUrl: bad });
      expect(res.status, bad).toBe(422);
      expect(res.body.error.fields, bad).toHaveProperty("nodeExporterUrl");
    }
    // A page that is not a node exporter's: Wharf's own readiness answer.
    const notExporter = await admin.patch(`/hosts/${world!.hostId}`, {
      nodeExporterUrl: `${world!.server.baseUrl}/api/v1/ready`,
    });
    expect(notExporter.status).toBe(422);
    expect(notExporter.body.error.message).toMatch(/nodeExporterUrl/);
    expect((await member.dev.patch(`/hosts/${world!.hostId}`, { nodeExporterUrl: url() })).status).toBe(403);
  });

  it("shows the host's real CPU, memory, load, disk and network to admins and ops only", async () => {
    const set = await admin.patch(`/hosts/${world!.hostId}`, { nodeExporterUrl: url() });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.nodeExporterUrl).toBe(url());
    const res = await admin.get(`/hosts/${world!.hostId}/figures`);
    expect(res.status).toBe(200);
    const { figures: f, error, exporter: has } = res.body;
    expect(has).toBe(true);
    expect(error).toBeNull();
    // The same kernel answers both: /proc/meminfo, /proc/stat, statfs("/").
    expect(f.memoryTotalBytes).toBe(os.totalmem());
    expect(f.cpus).toBe(os.cpus().length);
    const st = fs.statfsSync("/");
    expect(f.diskTotalBytes).toBe(st.blocks * st.bsize);
    expect(f.diskUsedBytes).toBeGreaterThan(0);
    expect(f.memoryUsedBytes).toBeGreaterThan(0);
    expect(f.memoryUsedBytes).toBeLessThan(f.memoryTotalBytes);
    expect(f.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(f.cpuPercent).toBeLessThanOrEqual(100);
    expect(Math.abs(f.load1 - os.loadavg()[0])).toBeLessThan(Math.max(2, os.loadavg()[0]));
    expect(f.networkRxBytesPerSecond).toBeGreaterThanOrEqual(0);

    // A member: no URL in the host, no figures (403: an operators' page).
    expect((await member.dev.get(`/hosts/${world!.hostId}`)).body.nodeExporterUrl).toBeNull();
    expect((await member.dev.get(`/hosts/${world!.hostId}/figures`)).status).toBe(403);

    // Removed: back to "only the containers' sum".
    expect((await admin.patch(`/hosts/${world!.hostId}`, { nodeExporterUrl: null })).status).toBe(200);
    expect((await admin.get(`/hosts/${world!.hostId}/figures`)).body.exporter).toBe(false);
  });
});
