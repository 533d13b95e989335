import "server-only";
// `external: true` networks and volumes (docs/security.md, "Compose"). A compose file may name only:
//   - an object one of the tenant's own apps created: `<app>_<object>` (how Compose names a project's objects),
//     an app of the same project on the same host whose running revision declares that object; or
//   - an object an admin shared with the tenant on that host (lib/services/shared-objects.ts).
// Both answers come from Wharf's records (apps, revisions, shares), never from labels on the engine's objects.
// Every plan, deploy, service update, rollback and start resolves them here first, before anything is pulled
// or created; the executors only use the names resolved here (lib/deploy/engine-spec.ts externalName).
import { forbidden } from "@/lib/api/errors";
import { scopedName } from "@/lib/compose/names";
import type { AppSpec } from "@/lib/compose/spec";
import { db } from "@/lib/db";
import { revisionSpec } from "@/lib/deploy/revision-row";
import { APP_NAME_RE, COMPOSE_NAME_RE } from "@/lib/validations/compose-limits";
import type { Externals } from "./types";

export type ExternalScope = {
  tenantId: string;
  tenantSlug: string;
  projectId: string;
  projectSlug: string;
  hostId: string;
};

const KINDS = [
  ["networks", "network"],
  ["volumes", "volume"],
] as const;

/**
 * `<app>_<object>`, or `<app>` alone for that app's default network; null when it cannot name an app's object.
 * App names hold no "_" (APP_NAME_RE), so the first "_" ends it and the object's own "_" stay in the object.
 */
function splitOwnName(kind: "networks" | "volumes", written: string): { app: string; object: string } | null {
  const cut = written.indexOf("_");
  const app = cut > 0 ? written.slice(0, cut) : written;
  const object = cut > 0 ? written.slice(cut + 1) : kind === "networks" ? "default" : "";
  return APP_NAME_RE.test(app) && COMPOSE_NAME_RE.test(object) ? { app, object } : null;
}

/** The engine name of an object this tenant's app created, or null when no app of this project declares it. */
async function ownObject(scope: ExternalScope, kind: "networks" | "volumes", written: string) {
  const parts = splitOwnName(kind, written);
  if (!parts) return null;
  const app = await db.app.findUnique({
    where: { projectId_name: { projectId: scope.projectId, name: parts.app } },
    select: { hostId: true, currentRevisionId: true },
  });
  if (!app?.currentRevisionId || app.hostId !== scope.hostId) return null;
  const rev = await db.revision.findUnique({ where: { id: app.currentRevisionId }, select: { spec: true } });
  const declared = rev ? revisionSpec(rev.spec)[kind][parts.object] : undefined;
  if (!declared || declared.external) return null;
  return scopedName(scope.tenantSlug, scope.projectSlug, parts.app, parts.object);
}

async function sharedObject(scope: ExternalScope, kind: "network" | "volume", name: string) {
  const row = await db.sharedEngineObject.findUnique({
    where: { tenantId_hostId_kind_name: { tenantId: scope.tenantId, hostId: scope.hostId, kind, name } },
    select: { name: true },
  });
  return row?.name ?? null;
}

/** Engine names of the spec's external networks and volumes; 403 naming each one this tenant may not use. */
export async function resolveExternals(scope: ExternalScope, spec: AppSpec): Promise<Externals> {
  const out: Externals = { networks: {}, volumes: {} };
  const errors: Record<string, string> = {};
  for (const [kind, one] of KINDS)
    for (const [name, obj] of Object.entries(spec[kind])) {
      if (!obj.external) continue;
      const written = obj.externalName ?? name;
      const engineName = (await sharedObject(scope, one, written)) ?? (await ownObject(scope, kind, written));
      if (engineName) out[kind][name] = engineName;
      else
        errors[`${kind}.${name}.external`] =
          `external ${one} "${written}" is neither one of your apps' ${kind} (<app>_<${one}>: an app of this project, deployed on this host, that declares it) nor a ${one} an admin shared with your tenant on this host`;
    }
  const [first] = Object.entries(errors);
  if (first) throw forbidden(`${first[0]}: ${first[1]}`, errors);
  return out;
}
