import "server-only";
import fs from "node:fs";
import { Readable } from "node:stream";
import { forbidden } from "@/lib/api/errors";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import { config } from "@/lib/config";
import { dbProvider } from "@/lib/db";
import { temporaryBackup } from "@/lib/ops/backup";
import { listBackups } from "@/lib/ops/backup-schedule";
import type { BackupScheduleView } from "@/lib/validations/backup";

/** A backup holds every tenant's data (secrets sealed, but still): admins only; the route says so too. */
function requireAdmin(actor: Actor) {
  if (!isAdmin(actor)) throw forbidden("Only admins download backups");
}

/** A fresh, consistent backup as a download; its temporary file goes once the body is sent (or abandoned). */
export async function downloadBackup(
  actor: Actor,
): Promise<{ name: string; size: number; body: ReadableStream }> {
  requireAdmin(actor);
  const backup = await temporaryBackup();
  const stream = fs.createReadStream(backup.file);
  stream.once("close", backup.remove);
  return { name: backup.name, size: backup.size, body: Readable.toWeb(stream) as ReadableStream };
}

export function backupSchedule(actor: Actor): BackupScheduleView {
  requireAdmin(actor);
  const dir = config.backupDir || null;
  return {
    database: dbProvider,
    dir,
    intervalHours: config.backupIntervalHours,
    keep: config.backupKeep,
    latest: (dir ? listBackups(dir) : [])
      .slice(0, 5)
      .map((b) => ({ name: b.name, size: b.size, at: b.at.toISOString() })),
  };
}
