import "server-only";
// A deploy's progress, live to every viewer of the app on any instance (issue 20). The instance running the deploy
// keeps its record in memory (this map) from the moment the revision exists; on PostgreSQL, where other instances
// may share the database, it also writes the lines to the revision's row every second while the deploy runs, and
// an instance without the record reads the row (polled by the app page, as build logs are). On SQLite (one
// instance) nothing more is written than before: the map is enough.
import { db, dbProvider } from "@/lib/db";
import type { ProgressRecord, StoredProgress } from "./progress-record";

const FLUSH_MS = 1000;

type Live = { revisionId: string; record: ProgressRecord };
declare global {
  var wharfLiveDeploys: Map<string, Live> | undefined;
}
const live = (globalThis.wharfLiveDeploys ??= new Map<string, Live>());

/** From the revision's creation to its end; returns the call that stops tracking (after the final row update). */
export function trackDeploy(appId: string, revisionId: string, record: ProgressRecord): () => void {
  live.set(appId, { revisionId, record });
  let timer: NodeJS.Timeout | undefined;
  if (dbProvider === "postgresql") {
    let written = -1;
    timer = setInterval(() => {
      if (record.version === written) return;
      written = record.version;
      // Only while unfinished: a write landing after the final update (which sets finishedAt) changes nothing.
      db.revision
        .updateMany({ where: { id: revisionId, finishedAt: null }, data: { progress: record.stored() } })
        .catch((err) =>
          console.error(`[wharf] writing deploy progress of revision ${revisionId} failed`, err),
        );
    }, FLUSH_MS);
    timer.unref();
  }
  return () => {
    clearInterval(timer);
    if (live.get(appId)?.revisionId === revisionId) live.delete(appId);
  };
}

/** This instance's record of the revision's deploy, when this instance runs it. */
export function localProgress(appId: string, revisionId: string): StoredProgress | null {
  const l = live.get(appId);
  return l?.revisionId === revisionId ? l.record.stored() : null;
}
