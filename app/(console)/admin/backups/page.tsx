import { formatBytes } from "@/components/format";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/current";
import { backupSchedule } from "@/lib/services/backup";
import { DownloadBackupLink } from "./download-link";

export const metadata = { title: "Backups" };
export const dynamic = "force-dynamic";

const utc = (iso: string) => iso.replace("T", " ").replace(/\.\d+Z$/, " UTC");

/** The backup download and the schedule (docs/database.md, "Backups"). */
export default async function BackupsPage() {
  const actor = await requireActor({ globalRole: "admin" });
  const schedule = backupSchedule(actor);
  return (
    <>
      <PageHeader
        title="Backups"
        description="Wharf's own state: tenants, users, apps, revisions, hosts. Secrets stay sealed under the server key, which is not in the backup: keep it apart (docs/database.md)."
      />
      <div className="max-w-3xl space-y-4">
        <Card title="Download">
          <p className="mb-3 text-sm text-slate-500">
            A consistent copy of the {schedule.database === "postgresql" ? "PostgreSQL" : "SQLite"} database,
            taken now ({schedule.database === "postgresql" ? "pg_dump" : "VACUUM INTO"}). Restore it with{" "}
            <code>scripts/db/restore.sh</code>.
          </p>
          <DownloadBackupLink />
        </Card>
        <Card title="Schedule">
          {schedule.dir ? (
            <>
              <p className="mb-3 text-sm" data-testid="backup-schedule">
                Every {schedule.intervalHours} h into <code>{schedule.dir}</code>, the newest {schedule.keep}{" "}
                kept.
              </p>
              {schedule.latest.length ? (
                <Table label="Latest backups" head={["File", "Size", "Written"]}>
                  <tbody>
                    {schedule.latest.map((b) => (
                      <tr key={b.name}>
                        <Td className="font-mono text-xs break-all">{b.name}</Td>
                        <Td>{formatBytes(b.size)}</Td>
                        <Td>{utc(b.at)}</Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              ) : (
                <p className="text-sm text-slate-500">No backup written yet.</p>
              )}
            </>
          ) : (
            <p className="text-sm" data-testid="backup-schedule">
              No scheduled backups: set <code>WHARF_BACKUP_DIR</code> (and{" "}
              <code>WHARF_BACKUP_INTERVAL_HOURS</code>, <code>WHARF_BACKUP_KEEP</code>) to have Wharf write
              one every {schedule.intervalHours} h and keep the newest {schedule.keep}.
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
