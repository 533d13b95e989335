import { describe, expect, it, vi } from "vitest";
import {
  Buckets,
  pacer,
  passInterval,
  passRate,
  pointValues,
  totals,
  type ContainerSample,
} from "./metrics-points";

const counters = (cpu: number, sys: number, bytes: number) => ({
  cpuTotal: cpu,
  cpuSystem: sys,
  onlineCpus: 2,
  memoryBytes: 1000,
  netRx: bytes,
  netTx: bytes / 2,
  blkRead: bytes,
  blkWrite: 0,
});

describe("pointValues", () => {
  it("turns two readings into CPU % of one core (in hundredths) and byte rates", () => {
    // 0.5 s of CPU over 2 s of host time on 2 CPUs = 50 % of one core.
    expect(pointValues(counters(0, 0, 0), counters(5e8, 2e9, 3000), 10, 1)).toEqual({
      cpu: 5000,
      mem: 1000,
      netRx: 300,
      netTx: 150,
      blkRead: 300,
      blkWrite: 0,
      restarts: 1,
    });
  });
  it("gives no point when the counters went back (the container restarted) or no time passed", () => {
    expect(pointValues(counters(10, 10, 0), counters(5, 20, 0), 1, 0)).toBeNull();
    expect(pointValues(counters(0, 0, 0), counters(5, 20, 0), 0, 0)).toBeNull();
  });
});

const sample = (
  hostId: string,
  tenantId: string | null,
  appId: string | null,
  appTenantId: string | null,
  cpu: number,
  service: string | null = "web",
): ContainerSample => ({
  hostId,
  containerId: `${hostId}-${cpu}`,
  tenantId,
  appId,
  appTenantId,
  service,
  cpu,
  mem: 10,
  netRx: 1,
  netTx: 1,
  blkRead: 0,
  blkWrite: 0,
  restarts: 0,
});

describe("totals", () => {
  it("sums per app (only apps Wharf knows), host, tenant and the cluster", () => {
    const t = totals([
      sample("h1", "ta", "app1", "ta", 100),
      sample("h1", "ta", "app1", "ta", 200),
      sample("h2", "tb", null, null, 50),
      sample("h2", null, null, null, 5),
    ]);
    const of = (kind: string, subject: string) =>
      t.find((x) => x.kind === kind && x.subject === subject)?.v.cpu;
    expect(of("cluster", "")).toBe(355);
    expect(of("host", "h1")).toBe(300);
    expect(of("host", "h2")).toBe(55);
    expect(of("app", "app1")).toBe(300);
    expect(of("tenant", "ta")).toBe(300);
    expect(of("tenant", "tb")).toBe(50);
    expect(t.filter((x) => x.kind === "app")).toHaveLength(1);
  });

  it("sums per app service, only for apps Wharf knows, under the app's tenant", () => {
    const t = totals([
      sample("h1", "ta", "app1", "ta", 100, "web"),
      sample("h2", "ta", "app1", "ta", 200, "web"), // a Swarm service's tasks on two nodes
      sample("h1", "ta", "app1", "ta", 7, "db"),
      sample("h1", "tb", null, null, 50, "web"), // a label naming no app: no service total
    ]);
    const svc = t.filter((x) => x.kind === "service");
    expect(svc.map((x) => [x.subject, x.v.cpu, x.tenantId]).sort()).toEqual([
      ["app1/db", 7, "ta"],
      ["app1/web", 300, "ta"],
    ]);
  });
  it("counts an app's container in the App row's tenant, not the label's", () => {
    const t = totals([sample("h1", "tb", "app1", "ta", 100)]);
    expect(t.find((x) => x.kind === "tenant")).toMatchObject({ subject: "ta", tenantId: "ta" });
    expect(t.find((x) => x.kind === "app")).toMatchObject({ subject: "app1", tenantId: "ta" });
  });
});

describe("Buckets", () => {
  it("averages the passes of one bucket, sums restarts, and starts a new bucket at its boundary", () => {
    const b = new Buckets();
    const v = (cpu: number, restarts: number) => ({
      cpu,
      mem: 0,
      netRx: 0,
      netTx: 0,
      blkRead: 0,
      blkWrite: 0,
      restarts,
    });
    expect(b.add("host", "h", null, 60, 120, v(100, 1))).toMatchObject({
      at: 120,
      step: 60,
      cpu: 100,
      restarts: 1,
    });
    expect(b.add("host", "h", null, 60, 150, v(300, 2))).toMatchObject({ at: 120, cpu: 200, restarts: 3 });
    expect(b.add("host", "h", null, 60, 180, v(50, 0))).toMatchObject({ at: 180, cpu: 50, restarts: 0 });
    expect(b.add("host", "h", null, 600, 650, v(10, 0))).toMatchObject({ at: 600, step: 600 });
  });
});

describe("passInterval", () => {
  it("keeps the configured interval for a small fleet and stretches it to stay within 10 % of a core", () => {
    expect(passInterval(1000, 60)).toBe(60);
    expect(passInterval(100_000, 60)).toBe(1481);
    expect(passInterval(10, 2)).toBe(2);
  });
});

describe("passRate and pacer", () => {
  it("spreads a large fleet's pass over most of its interval, and keeps a small one quick", () => {
    expect(passRate(100, 60)).toBe(50);
    const big = passRate(100_000, 60);
    expect(100_000 / big).toBeCloseTo(passInterval(100_000, 60) * 0.8, 0);
  });

  it("gives each caller the next evenly spaced slot", async () => {
    vi.useFakeTimers();
    try {
      const wait = pacer(10); // 100 ms apart
      const done: number[] = [];
      const start = Date.now();
      for (let i = 0; i < 3; i++) void wait().then(() => done.push(Date.now() - start));
      await vi.advanceTimersByTimeAsync(0);
      expect(done).toEqual([0]);
      await vi.advanceTimersByTimeAsync(99);
      expect(done).toEqual([0]);
      await vi.advanceTimersByTimeAsync(101);
      expect(done).toEqual([0, 100, 200]);
    } finally {
      vi.useRealTimers();
    }
  });
});
