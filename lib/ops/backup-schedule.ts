import "server-only";
// Scheduled backups (WHARF_BACKUP_DIR, docs/database.md "Backups"): one every WHARF_BACKUP_INTERVAL_HOURS, the newest
// WHARF_BACKUP_KEEP kept. Several instances may share the folder: each looks at the newest file first and skips a
// round another instance already made (a near-simultaneous pair only costs one extra file, pruned by retention).
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import { BACKUP_NAME, backupName, writeBackup } from "./backup";

export type StoredBackup = { name: string; size: number; at: Date };

/** The backups in `dir`, newest first (only files Wharf named; anything else there is left alone). */
export function listBackups(dir: string): StoredBackup[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return { name, size: stat.size, at: stat.mtime };
    })
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
}

/** Which of `backups` (newest first) retention removes: all but the newest `keep`. */
export const expiredBackups = (backups: StoredBackup[], keep: number): StoredBackup[] => backups.slice(keep);

/** Makes one backup in `dir` unless one younger than the interval is there; prunes to `keep`. Returns its name. */
export async function runScheduledBackup(dir: string, now = new Date()): Promise<string | null> {
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const newest = listBackups(dir)[0];
  const intervalMs = config.backupIntervalHours * 3_600_000;
  // 5% slack: a timer that fires a little early must not skip its round.
  if (newest && now.getTime() - newest.at.getTime() < intervalMs * 0.95) return null;
  const name = backupName(now);
  const partial = path.join(dir, `.${name}.partial`);
  fs.rmSync(partial, { force: true });
  await writeBackup(partial);
  await fs.promises.rename(partial, path.join(dir, name)); // whole or absent: a reader never sees half a file
  for (const old of expiredBackups(listBackups(dir), config.backupKeep)) fs.rmSync(path.join(dir, old.name));
  return name;
}

declare global {
  var wharfBackupTimer: NodeJS.Timeout | undefined;
}

/** Start-up hook: a backup now if the newest is older than the interval, then one per interval. */
export function startScheduledBackups() {
  const dir = config.backupDir;
  if (!dir || globalThis.wharfBackupTimer) return;
  const round = () =>
    runScheduledBackup(dir)
      .then((name) => name && console.log(`[wharf] backup written: ${path.join(dir, name)}`))
      .catch((err) => console.error("[wharf] scheduled backup failed", err));
  void round();
  // Checked ten times per interval (at most every 10 minutes): a restarted server catches up without waiting.
  const every = Math.min(config.backupIntervalHours * 360_000, 600_000);
  globalThis.wharfBackupTimer = setInterval(round, every);
  globalThis.wharfBackupTimer.unref();
}
