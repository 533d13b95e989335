// The server-side facts a deploy acts on (ids and slugs from the database, never from input), from an app row.
import type { AppTarget } from "./types";

export type AppTargetRow = {
  id: string;
  name: string;
  projectId: string;
  hostId: string;
  mode: string;
  project: { tenantId: string; slug: string; tenant: { slug: string } };
};

export function toTarget(app: AppTargetRow): AppTarget {
  return {
    appId: app.id,
    appName: app.name,
    tenantId: app.project.tenantId,
    tenantSlug: app.project.tenant.slug,
    projectId: app.projectId,
    projectSlug: app.project.slug,
    hostId: app.hostId,
    mode: app.mode === "swarm" ? "swarm" : "standalone",
  };
}
