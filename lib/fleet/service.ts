import "server-only";
import { errorText } from "@/lib/api/errors";
import { db } from "@/lib/db";
import type { HostConnection } from "@/lib/docker/client";
import { connectionOf } from "@/lib/docker/host-connection";
import { FleetBus } from "@/lib/fleet/bus";
import { eventLog } from "@/lib/fleet/event-log";
import { HostFollower } from "@/lib/fleet/follower";
import { connectionText, hostChanges, type Followed, type HostRow } from "@/lib/fleet/host-rows";
import { FleetStore } from "@/lib/fleet/store";
import { keepViewsWarm } from "@/lib/fleet/warm-views";

export type Fleet = {
  store: FleetStore;
  bus: FleetBus;
  followers: Map<string, HostFollower>;
  started: boolean;
};

// On globalThis: route handlers and the start-up hook are bundled separately but must share one fleet per process.
declare global {
  var wharfFleet: Fleet | undefined;
}
const g = globalThis;

export function getFleet(): Fleet {
  if (!g.wharfFleet) {
    const bus = new FleetBus();
    g.wharfFleet = { store: new FleetStore(bus), bus, followers: new Map(), started: false };
    keepViewsWarm(g.wharfFleet.store);
  }
  return g.wharfFleet;
}

/** Start-up hook: one follower per registered host, for the life of the server process. */
export async function startFleet() {
  const fleet = getFleet();
  if (fleet.started) return;
  fleet.started = true;
  eventLog.startPruning();
  const hosts = await readHostRows();
  applyHostRows(hosts);
  console.log(`[wharf] fleet: following ${hosts.length} host(s)`);
  // Hosts added, renamed or removed through another instance: this one sees them at the next re-read.
  setInterval(() => {
    readHostRows().then(applyHostRows, (err: unknown) =>
      console.error(`[wharf] fleet: cannot re-read the hosts: ${errorText(err)}`),
    );
  }, HOST_REREAD_MS).unref();
}

const HOST_REREAD_MS = Number(process.env.WHARF_FLEET_HOSTS_REREAD_MS ?? 10_000);
/** The rows this process last followed, by host id (what `hostChanges` compares the table with). */
const followedRows = new Map<string, Followed>();

const readHostRows = (): Promise<HostRow[]> =>
  db.host.findMany({ select: { id: true, name: true, url: true, tlsEncrypted: true } });

function applyHostRows(rows: HostRow[]) {
  // A host this process added or changed itself is followed already: only its row's text is new here.
  for (const r of rows)
    if (!followedRows.has(r.id) && getFleet().followers.has(r.id))
      followedRows.set(r.id, { connection: connectionText(r), name: r.name });
  const { follow, rename, unfollow } = hostChanges(followedRows, rows);
  for (const h of follow) {
    try {
      followHost(connectionOf(h), h.name);
      followedRows.set(h.id, { connection: connectionText(h), name: h.name });
    } catch (err) {
      console.error(`[wharf] fleet: cannot follow host ${h.name}: ${errorText(err)}`);
    }
  }
  for (const h of rename) {
    renameFleetHost(h.id, h.name);
    followedRows.set(h.id, { connection: connectionText(h), name: h.name });
  }
  for (const id of unfollow) unfollowHost(id);
}

/** Starts (or restarts, when its connection changed) the follower of a host. */
export function followHost(conn: HostConnection, name: string) {
  const fleet = getFleet();
  fleet.followers.get(conn.id)?.stop();
  fleet.store.addHost(conn.id, name);
  const follower = new HostFollower(fleet.store, conn, (hostId, e) => eventLog.note(hostId, e));
  fleet.followers.set(conn.id, follower);
  follower.start();
}

/** Stops following; the host's containers leave the cache (they keep running on the engine). */
export function unfollowHost(id: string) {
  const fleet = getFleet();
  fleet.followers.get(id)?.stop();
  fleet.followers.delete(id);
  fleet.store.removeHost(id);
  followedRows.delete(id);
}

export function renameFleetHost(id: string, name: string) {
  getFleet().store.renameHost(id, name);
}

/** Host grants changed: open streams recompute what their viewer may see. */
export function noteGrantsChanged() {
  getFleet().bus.noteScopeChanged();
}
