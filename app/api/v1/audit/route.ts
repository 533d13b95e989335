import { readQuery, withAuth } from "@/lib/api/with-auth";
import { listAuditEvents } from "@/lib/services/audit-log";
import { AuditQuery } from "@/lib/validations/audit";

export const GET = withAuth(async ({ req }) => listAuditEvents(readQuery(req, AuditQuery)), {
  globalRole: "admin",
});
