import { requireActor } from "@/lib/auth/current";
import { AuditView } from "./audit-view";

export const metadata = { title: "Audit log" };

export default async function AuditPage() {
  await requireActor({ globalRole: "admin" });
  return <AuditView />;
}
