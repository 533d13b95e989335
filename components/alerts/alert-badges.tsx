import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AlertSeverity } from "@/lib/validations/alerts";

const SEVERITY_TONE: Record<AlertSeverity, BadgeTone> = { info: "blue", warning: "amber", critical: "red" };

export const SeverityBadge = ({ severity }: { severity: AlertSeverity }) => (
  <Badge tone={SEVERITY_TONE[severity]}>{severity}</Badge>
);

export const StateBadge = ({ state }: { state: "firing" | "resolved" }) => (
  <Badge tone={state === "firing" ? "red" : "green"}>{state}</Badge>
);

/** Where a rule or channel belongs: a tenant's name, or the fleet. */
export const ownerName = (tenantId: string | null, tenants: { id: string; name: string }[]) =>
  tenantId ? (tenants.find((t) => t.id === tenantId)?.name ?? "another tenant") : "Fleet-wide";

export const inOneHour = () => new Date(Date.now() + 3600_000).toISOString();
