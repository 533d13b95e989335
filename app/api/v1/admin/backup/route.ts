import { withAuth } from "@/lib/api/with-auth";
import { downloadBackup } from "@/lib/services/backup";

// A download changes nothing, but who took a copy of every tenant's data is worth an audit row.
export const GET = withAuth(
  async ({ actor, audit }) => {
    const backup = await downloadBackup(actor);
    Object.assign(audit, { targetType: "backup", targetId: backup.name, detail: { size: backup.size } });
    return new Response(backup.body, {
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(backup.size),
        "content-disposition": `attachment; filename="${backup.name}"`,
        "cache-control": "no-store",
      },
    });
  },
  { action: "backup.download", globalRole: "admin" },
);
