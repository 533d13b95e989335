import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { WharfEventType } from "@/lib/validations/fleet-events";

/** One of Wharf's own events; the tenant and app come from Wharf's rows (the caller's), never from a label. */
export type WharfEvent = {
  type: WharfEventType;
  hostId: string;
  tenantId: string | null;
  appId: string | null;
  /** The revision, build or node the event is about (stored in `containerId`). */
  objectId: string;
  /** The app's name, the build's image, the node's hostname (stored in `containerName`). */
  objectName: string;
  detail: string;
};

const DETAIL_MAX = 500;

/**
 * Puts a Wharf event (a deploy, a build's end, a node's availability) on the timeline beside the engine's state
 * changes (FleetEvent, kept WHARF_EVENTS_RETENTION_DAYS like them). One insert, at the moment it happened; a failed
 * write is logged, never the failure of the deploy or build that caused it.
 */
export async function noteWharfEvent(e: WharfEvent, at = new Date()): Promise<void> {
  try {
    await db.fleetEvent.create({
      data: {
        id: randomUUID(),
        at,
        type: e.type,
        hostId: e.hostId,
        tenantId: e.tenantId,
        appId: e.tenantId ? e.appId : null,
        containerId: e.objectId,
        containerName: e.objectName,
        detail: e.detail.slice(0, DETAIL_MAX),
      },
    });
  } catch (err) {
    console.error(`[wharf] timeline: could not store a ${e.type} event: ${String(err)}`);
  }
}
