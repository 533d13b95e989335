import { z } from "zod";

/** One backup file in the scheduled backups' folder. */
export const BackupView = z.object({
  name: z.string(),
  size: z.number().int(),
  at: z.iso.datetime(),
});
export type BackupView = z.infer<typeof BackupView>;

/** What the admin page shows: the schedule (WHARF_BACKUP_DIR, interval, retention) and the newest backups. */
export const BackupScheduleView = z.object({
  database: z.enum(["sqlite", "postgresql"]),
  /** Null: no scheduled backups (WHARF_BACKUP_DIR unset); downloads still work. */
  dir: z.string().nullable(),
  intervalHours: z.number(),
  keep: z.number().int(),
  latest: z.array(BackupView),
});
export type BackupScheduleView = z.infer<typeof BackupScheduleView>;
