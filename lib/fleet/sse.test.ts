import { describe, expect, it, vi } from "vitest";
import { containerRecord } from "@/lib/fleet/record-fixture";
import { FleetStreamEvents } from "@/lib/validations/fleet-views";
import { getFleet } from "./service";
import { openFleetStream } from "./sse";
import type { ViewerScope } from "./scope";

// The stream re-reads the scope from the database only on a grant change or its 30 s recheck; not here.
vi.mock("@/lib/fleet/viewer-scope", () => ({ viewerScope: vi.fn() }));

const rec = (id: string, hostId: string, tenant: string | null) =>
  containerRecord(id, hostId, { name: id, tenant, labels: tenant ? { "wharf.tenant": tenant } : {} });

const oneTenant = (tenant: string, hosts: string[]): ViewerScope => ({
  all: false,
  tenantIds: new Set([tenant]),
  hostTenants: new Map(hosts.map((h) => [h, new Set([tenant])])),
  tenant,
});

/** Opens a stream and records its frames (the bytes as sent, and their data read as the browser reads it). */
function open(scope: ViewerScope) {
  const frames: Uint8Array[] = [];
  const close = openFleetStream(
    { write: (b) => frames.push(b), end: () => {} },
    () => Promise.reject(new Error("not rechecked here")),
    scope,
    {
      containers: true,
      access: { userId: "u1", globalRole: "member", memberships: {} },
    },
  );
  const events = <K extends keyof FleetStreamEvents>(name: K) =>
    frames
      .map((f) => new TextDecoder().decode(f))
      .filter((t) => t.startsWith(`event: ${name}\n`))
      .map((t) => FleetStreamEvents[name].parse(JSON.parse(t.slice(t.indexOf("data: ") + 6))));
  return { frames, close, events };
}

const flushed = () => new Promise((r) => setTimeout(r, 50));

describe("fleet stream in a tenant context", () => {
  it("sends each tenant's streams only that tenant's changes and counts, filtered and encoded once per batch", async () => {
    const { store } = getFleet();
    for (const h of ["h1", "h2"]) {
      store.addHost(h, h);
      store.setHostStatus(h, "up");
    }
    const a1 = open(oneTenant("A", ["h1", "h2"]));
    const a2 = open(oneTenant("A", ["h1", "h2"]));
    const b = open(oneTenant("B", ["h1"]));
    const admin = open({ all: true });
    await flushed();
    for (const s of [a1, a2, b, admin]) s.frames.length = 0;

    store.upsert(rec("ca", "h1", "A"));
    store.upsert(rec("cb", "h1", "B"));
    store.upsert(rec("cb2", "h2", "B")); // B's label, on a host not granted to B: not B's to see
    store.upsert(rec("cx", "h2", null));
    await flushed();

    const ids = (s: ReturnType<typeof open>) =>
      s.events("containers").flatMap((batch) => batch.flatMap((c) => (c.op === "upsert" ? [c.c.id] : [])));
    expect(ids(a1)).toEqual(["ca"]);
    expect(ids(b)).toEqual(["cb"]);
    expect(ids(admin).sort()).toEqual(["ca", "cb", "cb2", "cx"]);
    expect(a1.events("counters").at(-1)).toMatchObject({ containers: { running: 1, total: 1 } });
    expect(b.events("counters").at(-1)).toMatchObject({ containers: { running: 1, total: 1 } });
    expect(admin.events("counters").at(-1)).toMatchObject({ containers: { running: 4, total: 4 } });
    // A host's counts in a tenant's stream are that tenant's (h1 holds three containers).
    const late = open(oneTenant("B", ["h1"]));
    expect(late.events("hello")[0]).toMatchObject({
      hosts: [{ id: "h1", counts: { running: 1, total: 1 } }],
    });
    late.close();
    // Same scope, same bytes: the second stream of tenant A got the very frames the first one did.
    expect(a2.frames).toHaveLength(a1.frames.length);
    a2.frames.forEach((f, i) => expect(f).toBe(a1.frames[i]));
    // A removal and a host that goes away read as the browser expects them (lib/client/hooks/use-fleet.ts).
    store.remove("h1", "ca");
    store.removeHost("h2");
    await flushed();
    expect(a1.events("containers").at(-1)).toEqual([{ op: "remove", id: "ca", hostId: "h1" }]);
    expect(admin.events("hosts").flat()).toContainEqual({ id: "h2", removed: true });
    for (const s of [a1, a2, b, admin]) s.close();
  });
});

describe("fleet stream writes", () => {
  it("sends one batch's frames between cork and uncork (one writev per stream per batch)", async () => {
    const { store } = getFleet();
    store.addHost("hc", "hc");
    store.setHostStatus("hc", "up");
    const log: string[] = [];
    const name = (b: Uint8Array) => /^event: (\w+)/.exec(new TextDecoder().decode(b))?.[1] ?? "other";
    const close = openFleetStream(
      {
        write: (b) => log.push(`write ${name(b)}`),
        end: () => {},
        cork: () => log.push("cork"),
        uncork: () => log.push("uncork"),
      },
      () => Promise.reject(new Error("not rechecked here")),
      { all: true },
      { containers: true, access: { userId: "u1", globalRole: "admin", memberships: {} } },
    );
    await flushed();
    log.length = 0;
    store.upsert(rec("corked", "hc", null));
    await flushed();
    close();
    // The container and the new counters: two frames, one corked write.
    expect(log).toEqual(["cork", "write containers", "write counters", "uncork"]);
  });
});
