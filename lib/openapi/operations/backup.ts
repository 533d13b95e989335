import { z } from "zod";
import type { Operation } from "@/lib/openapi/types";

export const backupOperations: Operation[] = [
  {
    method: "get",
    path: "/admin/backup",
    tag: "operations",
    summary:
      'Download a consistent backup of Wharf\'s database (admins; audited as backup.download): a SQLite file (`.sqlite`, VACUUM INTO) or a pg_dump custom-format archive (`.pgdump`). Secrets in it stay sealed under the server key, which is not included; restore with scripts/db/restore.sh (docs/database.md, "Backups")',
    contentType: "application/octet-stream",
  },
  {
    method: "get",
    path: "/ready",
    tag: "operations",
    public: true,
    summary:
      'Readiness for load balancers: 200 `{ready: true}` when this instance\'s database answers and every migration of this build is applied, else 503 with the reason; a stopping instance answers 503 `draining: true` with the header `X-Wharf-Draining: 1` (docs/database.md, "Rolling restart")',
    response: z.union([
      z.object({ ready: z.literal(true) }),
      z.object({ ready: z.literal(false), reason: z.string(), draining: z.literal(true).optional() }),
    ]),
  },
];
