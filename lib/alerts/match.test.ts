import { describe, expect, it } from "vitest";
import {
  appGroups,
  certificateGroups,
  containerGroups,
  metricGroups,
  diffAlerts,
  firingDue,
  groupsOf,
  hostGroups,
  resolutionDue,
  SUBJECTS_KEPT,
  type Activity,
  type HostNow,
  type Live,
  type LiveContainer,
  type MetricWindow,
  type Rule,
} from "@/lib/alerts/match";

const rule = (kind: Rule["kind"], over: Partial<Rule> = {}): Rule => ({
  id: "r",
  tenantId: null,
  kind,
  threshold: 3,
  windowMinutes: 10,
  ...over,
});
const act = (
  host: string,
  id: string,
  counts: Activity["counts"],
  tenantId: string | null = null,
): Activity => ({
  hostId: host,
  containerId: id,
  name: `c-${id}`,
  tenantId,
  appId: null,
  counts,
});
const host = (over: Partial<HostNow>): HostNow => ({
  id: "h",
  name: "h",
  up: true,
  since: 0,
  lastEventAt: null,
  diskPercent: null,
  ...over,
});
const exited: Live = { state: "exited", status: "Exited (137)" };
const running: Live = { state: "running", status: "Up 2 seconds" };

describe("containerGroups", () => {
  it("groups 500 containers dying on one host into ONE group, another host into its own", () => {
    const activity = [
      ...Array.from({ length: 500 }, (_, i) => act("h1", `c${i}`, { exit: 1 })),
      act("h2", "z", { exit: 1 }),
    ];
    const groups = containerGroups(rule("exited"), activity, [], () => exited);
    expect([...groups.keys()].sort()).toEqual(["host:h1", "host:h2"]);
    expect(groups.get("host:h1")).toHaveLength(500);
  });

  it("restarts: fires above the threshold only, and not once the container is gone", () => {
    const r = rule("restarts", { threshold: 3 });
    const at = (n: number) => [act("h", "a", { exit: n - 1, restart: 1 })];
    expect(containerGroups(r, at(3), [], () => running).size).toBe(0);
    expect(containerGroups(r, at(4), [], () => running).get("host:h")).toHaveLength(1);
    expect(containerGroups(r, at(4), [], () => null).size).toBe(0);
  });

  it("exited: a restarted container no longer matches; an open one stays without new events", () => {
    const r = rule("exited");
    expect(containerGroups(r, [act("h", "a", { exit: 1 })], [], () => running).size).toBe(0);
    const looping = { state: "restarting", status: "Restarting (1) 1 second ago" };
    expect(containerGroups(r, [act("h", "a", { exit: 1 })], [], () => looping).size).toBe(0);
    const open = [{ key: "h/a", label: "c-a", hostId: "h", containerId: "a", appId: null }];
    expect(containerGroups(r, [], open, () => exited).get("host:h")).toHaveLength(1);
    expect(containerGroups(r, [], [], () => exited).size).toBe(0); // an old exit alone fires nothing
  });

  it("unhealthy: holds while the cache says unhealthy", () => {
    const r = rule("unhealthy");
    const a = [act("h", "a", { unhealthy: 1 })];
    expect(containerGroups(r, a, [], () => ({ state: "running", status: "Up (unhealthy)" })).size).toBe(1);
    expect(containerGroups(r, a, [], () => ({ state: "running", status: "Up (healthy)" })).size).toBe(0);
  });

  it("a tenant's rule sees only its tenant's containers", () => {
    const activity = [act("h", "a", { exit: 1 }, "A"), act("h", "b", { exit: 1 }, "B")];
    const groups = containerGroups(rule("exited", { tenantId: "A" }), activity, [], () => exited);
    expect(groups.get("host:h")?.map((s) => s.containerId)).toEqual(["a"]);
  });
});

describe("hostGroups and appGroups", () => {
  it("hosts down for the window make one fleet group", () => {
    const now = 10 * 60_000;
    const hosts = [
      host({ id: "1", name: "one", up: false, since: 0 }),
      host({ id: "2", name: "two", up: false, since: now - 1000 }),
      host({ id: "3", name: "three", up: true, since: 0 }),
    ];
    const g = hostGroups(rule("host_down", { windowMinutes: 5 }), hosts, now);
    expect(g.get("fleet")?.map((s) => s.label)).toEqual(["one"]);
  });

  it("hosts up with no event for the window are stale; a recent event, a recent start or down is not", () => {
    const now = 60 * 60_000;
    const min = 60_000;
    const hosts = [
      host({ id: "1", name: "quiet", since: 0, lastEventAt: now - 20 * min }),
      host({ id: "2", name: "never", since: 0, lastEventAt: null }),
      host({ id: "3", name: "busy", since: 0, lastEventAt: now - min }),
      host({ id: "4", name: "fresh", since: now - 2 * min, lastEventAt: null }),
      host({ id: "5", name: "down", up: false, since: 0, lastEventAt: null }),
    ];
    const g = hostGroups(rule("host_event_stale", { windowMinutes: 10 }), hosts, now);
    expect(g.get("fleet")?.map((s) => s.label)).toEqual(["quiet", "never"]);
    expect(hostGroups(rule("host_event_stale", { windowMinutes: 30 }), hosts, now).get("fleet")?.length).toBe(
      1,
    );
  });

  it("hosts whose root disk is above the threshold; no exporter, no alert", () => {
    const hosts = [
      host({ id: "1", name: "full", diskPercent: 91.5 }),
      host({ id: "2", name: "at", diskPercent: 90 }),
      host({ id: "3", name: "roomy", diskPercent: 40 }),
      host({ id: "4", name: "unknown", diskPercent: null }),
    ];
    const g = hostGroups(rule("host_disk", { threshold: 90 }), hosts, 0);
    expect([...g.keys()]).toEqual(["fleet"]);
    expect(g.get("fleet")?.map((s) => s.label)).toEqual(["full"]);
    expect(hostGroups(rule("host_disk", { threshold: 95 }), hosts, 0).size).toBe(0);
    // A down host's last figure still counts: its disk did not empty itself.
    expect(
      hostGroups(rule("host_disk", { threshold: 30 }), [host({ up: false, diskPercent: 50 })], 0).size,
    ).toBe(1);
  });

  it("apps whose last deploy failed, one group per tenant, only the rule's tenant", () => {
    const o = [
      { appId: "1", appName: "a", tenantId: "A", lastFailed: true },
      { appId: "2", appName: "b", tenantId: "A", lastFailed: false },
      { appId: "3", appName: "c", tenantId: "B", lastFailed: true },
    ];
    expect([...appGroups(rule("deploy_failed"), o).keys()].sort()).toEqual(["tenant:A", "tenant:B"]);
    expect([...appGroups(rule("deploy_failed", { tenantId: "B" }), o).keys()]).toEqual(["tenant:B"]);
  });
});

describe("groupsOf", () => {
  it("gives each kind its own part of the pass", () => {
    const subject = (key: string) => expect.objectContaining({ key });
    const pass = {
      now: 3_600_000,
      activity: (r: Rule) => (r.kind === "exited" ? [act("h", "a", { exit: 1 })] : []),
      live: () => exited,
      hosts: [host({ id: "down", up: false })],
      metrics: () => ({ rows: [], lastPassS: 0 }),
      liveByShortId: () => null,
      certs: [{ host: "a.example", appId: "app", appName: "a", tenantId: "t", expiresAt: 0 }],
      outcomes: () => [{ appId: "app", appName: "a", tenantId: "t", lastFailed: true }],
    };
    expect(groupsOf(rule("exited"), [], pass).get("host:h")).toEqual([subject("h/a")]);
    expect(groupsOf(rule("host_down"), [], pass).get("fleet")).toEqual([subject("down")]);
    expect(groupsOf(rule("container_cpu"), [], pass).size).toBe(0);
    expect(groupsOf(rule("certificate_expiry"), [], pass).get("tenant:t")).toEqual([subject("a.example")]);
    expect(groupsOf(rule("deploy_failed"), [], pass).get("tenant:t")).toEqual([subject("app")]);
  });
});

describe("diffAlerts", () => {
  const s = (k: string) => ({ key: k, label: k, hostId: null, containerId: null, appId: null });
  it("fires new groups, changes grown ones, resolves empty ones; subjects are capped", () => {
    const many = Array.from({ length: 80 }, (_, i) => s(`k${String(i).padStart(2, "0")}`));
    const groups = new Map([
      ["new", many],
      ["same", [s("x")]],
      ["grown", [s("y"), s("z")]],
    ]);
    const open = [
      { id: "1", groupKey: "same", count: 1, subjects: [s("x")] },
      { id: "2", groupKey: "grown", count: 1, subjects: [s("y")] },
      { id: "3", groupKey: "gone", count: 2, subjects: [s("q")] },
    ];
    const d = diffAlerts(open, groups);
    expect(d.fire).toHaveLength(1);
    expect(d.fire[0].count).toBe(80);
    expect(d.fire[0].subjects).toHaveLength(SUBJECTS_KEPT);
    expect(d.change.map((c) => c.alert.id)).toEqual(["2"]);
    expect(d.resolve.map((a) => a.id)).toEqual(["3"]);
  });
});

describe("when to notify", () => {
  const base = { firedAt: 0, notifiedAt: null, acknowledged: false, silencedUntil: null };
  it("waits for the group, and never for an acknowledged or silenced alert", () => {
    expect(firingDue(base, null, 5000, 4000)).toBe(false);
    expect(firingDue(base, null, 5000, 5000)).toBe(true);
    expect(firingDue({ ...base, acknowledged: true }, null, 0, 1)).toBe(false);
    expect(firingDue({ ...base, silencedUntil: 10 }, null, 0, 5)).toBe(false);
    expect(firingDue({ ...base, silencedUntil: 10 }, null, 0, 11)).toBe(true);
    expect(firingDue(base, 10, 0, 5)).toBe(false); // the rule is silenced
    expect(firingDue({ ...base, notifiedAt: 1 }, null, 0, 5)).toBe(false); // once
  });
  it("tells a resolution only to those told it fired, unless acknowledged or silenced", () => {
    expect(resolutionDue({ ...base }, null, 5)).toBe(false);
    expect(resolutionDue({ ...base, notifiedAt: 1 }, null, 5)).toBe(true);
    expect(resolutionDue({ ...base, notifiedAt: 1, acknowledged: true }, null, 5)).toBe(false);
    expect(resolutionDue({ ...base, notifiedAt: 1 }, 10, 5)).toBe(false);
  });
});

describe("CPU and memory above a threshold for a duration", () => {
  const L = 10_000; // the last pass
  const win = (id: string, over: Partial<MetricWindow>): MetricWindow => ({
    hostId: "h1",
    containerId: id,
    minCpu: 0,
    minMem: 0,
    fromS: L - 600,
    lastS: L,
    ...over,
  });
  const running =
    (tenantId: string | null = null) =>
    (_hostId: string, shortId: string): LiveContainer => ({
      id: `${shortId}full`,
      name: `c-${shortId}`,
      state: "running",
      tenantId,
      appId: null,
    });

  it("fires only when every point of a covered window is above, grouped per host", () => {
    const cpu = rule("container_cpu", { threshold: 80, windowMinutes: 5 });
    const ws = [
      win("hot", { minCpu: 8_001 }), // 80.01 % at its lowest over 10 min of points
      win("edge", { minCpu: 8_000 }), // exactly 80 %: not above
      win("dipped", { minCpu: 1_000 }), // one point fell under: the duration is broken
      win("young", { minCpu: 9_000, fromS: L - 120 }), // started 2 min ago: not yet 5 minutes
      win("gone", { minCpu: 9_000, lastS: L - 60 }), // not in the last pass: stopped
      win("other", { minCpu: 9_000, hostId: "h2" }),
    ];
    const g = metricGroups(cpu, ws, L, running());
    expect([...g.keys()].sort()).toEqual(["host:h1", "host:h2"]);
    expect(g.get("host:h1")?.map((s) => s.containerId)).toEqual(["hotfull"]);
    expect(g.get("host:h1")?.[0].key).toBe("h1/hotfull");
    // A window of 0 minutes reads the last point alone: the young container counts.
    const now = metricGroups({ ...cpu, windowMinutes: 0 }, ws, L, running());
    expect(
      now
        .get("host:h1")
        ?.map((s) => s.label)
        .sort(),
    ).toEqual(["c-hot", "c-young"]);
  });

  it("memory in MiB; a stopped container or another tenant's never matches", () => {
    const mem = rule("container_memory", { threshold: 100, windowMinutes: 1 });
    const ws = [win("big", { minMem: 101 * 1024 * 1024 }), win("small", { minMem: 100 * 1024 * 1024 })];
    expect(
      metricGroups(mem, ws, L, running())
        .get("host:h1")
        ?.map((s) => s.label),
    ).toEqual(["c-big"]);
    const stopped = (h: string, id: string) => ({ ...running()(h, id), state: "exited" });
    expect(metricGroups(mem, ws, L, stopped).size).toBe(0);
    expect(metricGroups(mem, ws, L, () => null).size).toBe(0);
    expect(metricGroups({ ...mem, tenantId: "A" }, ws, L, running("B")).size).toBe(0);
    expect(metricGroups({ ...mem, tenantId: "A" }, ws, L, running("A")).size).toBe(1);
  });
});

describe("certificate near expiry", () => {
  const DAY = 86_400_000;
  const now = Date.parse("2026-12-03T00:00:00Z");
  const cert = (host: string, tenantId: string, expiresInDays: number | null) => ({
    host,
    appId: `app-${host}`,
    appName: `app ${host}`,
    tenantId,
    expiresAt: expiresInDays === null ? null : now + expiresInDays * DAY,
  });

  it("domains whose certificate expires within N days, one group per tenant", () => {
    const certs = [
      cert("soon.a.test", "A", 0.5), // Caddy's internal CA: leaf certificates last ~12 h
      cert("ok.a.test", "A", 60),
      cert("limit.b.test", "B", 14),
      cert("none.b.test", "B", null), // no certificate read: not this rule's
    ];
    const g = certificateGroups(rule("certificate_expiry", { threshold: 14 }), certs, now);
    expect([...g.keys()].sort()).toEqual(["tenant:A", "tenant:B"]);
    expect(g.get("tenant:A")?.map((s) => s.key)).toEqual(["soon.a.test"]);
    expect(g.get("tenant:B")?.map((s) => s.key)).toEqual(["limit.b.test"]);
    const one = certificateGroups(rule("certificate_expiry", { threshold: 1, tenantId: "B" }), certs, now);
    expect(one.size).toBe(0);
    const a = certificateGroups(rule("certificate_expiry", { threshold: 1, tenantId: "A" }), certs, now);
    expect(a.get("tenant:A")?.[0].appId).toBe("app-soon.a.test");
  });
});
