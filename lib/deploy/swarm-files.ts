import "server-only";
// Compose secrets and configs on a Swarm: one engine secret/config per object and content, named inside the
// app's scope with the content's digest (Swarm objects cannot change in place: a new content is a new object, and
// the service update moves to it). Labelled with the app like its networks, removed with the app, and pruned
// once a deploy no longer uses them.
import { scopedName, wharfLabels } from "@/lib/compose/names";
import type { AppSpec, ServiceSpec } from "@/lib/compose/spec";
import { OBJECT_LABEL } from "@/lib/docker/labels";
import {
  createSwarmFile,
  findSwarmFile,
  listAppSwarmFiles,
  removeSwarmFile,
  type SwarmFileKind,
} from "@/lib/docker/swarm-files";
import { contentDigest, FILE_KINDS, fileMode, fileTarget, type FileContents } from "./app-files";
import { DeployError } from "./errors";
import type { AppTarget } from "./types";
import type Docker from "dockerode";

/** kind → compose name → the engine object. */
export type SwarmFileRefs = Record<SwarmFileKind, Record<string, { id: string; name: string }>>;

const used = (spec: AppSpec, kind: SwarmFileKind) =>
  new Set(Object.values(spec.services).flatMap((s) => (s[kind] ?? []).map((r) => r.source)));

/** Creates what the spec's services use and the Swarm lacks; `created` records them for an undo. */
export async function ensureSwarmFiles(
  docker: Docker,
  t: AppTarget,
  spec: AppSpec,
  contents: FileContents,
  created: { kind: SwarmFileKind; id: string }[],
): Promise<SwarmFileRefs> {
  const refs: SwarmFileRefs = { secrets: {}, configs: {} };
  for (const kind of FILE_KINDS)
    for (const name of used(spec, kind)) {
      const f = spec[kind]?.[name];
      if (!f) continue;
      if (f.external) {
        const engineName = f.externalName ?? name;
        const found = await findSwarmFile(docker, kind, engineName);
        if (!found)
          throw new DeployError(`${kind}.${name}: no ${kind.slice(0, -1)} "${engineName}" on this Swarm`);
        refs[kind][name] = { id: found.id, name: engineName };
        continue;
      }
      const content = contents[kind][name] ?? "";
      // Swarm objects cannot change: a new driver or template driver is a new object, like new content.
      const how = f.driver
        ? `\0driver:${f.driver}:${JSON.stringify(f.driverOpts ?? {})}`
        : f.templateDriver
          ? `\0template:${f.templateDriver}`
          : "";
      const engineName = scopedName(
        t.tenantSlug,
        t.projectSlug,
        t.appName,
        `${name}_${contentDigest(content + how)}`,
      );
      const found = await findSwarmFile(docker, kind, engineName);
      if (found) {
        refs[kind][name] = { id: found.id, name: engineName };
        continue;
      }
      const id = await createSwarmFile(docker, kind, {
        Name: engineName,
        Labels: {
          ...(f.labels ?? {}),
          ...wharfLabels({ tenantId: t.tenantId, projectId: t.projectId, appId: t.appId }),
          [OBJECT_LABEL]: name,
        },
        ...(f.driver
          ? { Driver: { Name: f.driver, Options: f.driverOpts ?? {} } }
          : { Data: Buffer.from(content).toString("base64") }),
        ...(f.templateDriver ? { Templating: { Name: f.templateDriver } } : {}),
      });
      created.push({ kind, id });
      refs[kind][name] = { id, name: engineName };
    }
  return refs;
}

const ids = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? v : "0");

/** ContainerSpec.Secrets / Configs of a service. */
export function containerFiles(svc: ServiceSpec, refs: SwarmFileRefs) {
  const out: { Secrets?: object[]; Configs?: object[] } = {};
  for (const kind of FILE_KINDS) {
    const list = (svc[kind] ?? []).flatMap((r) => {
      const o = refs[kind][r.source];
      if (!o) return [];
      // A relative secret target is under /run/secrets, as Swarm and Compose place it.
      const File = {
        Name: kind === "secrets" ? (r.target ?? r.source) : fileTarget(kind, r),
        UID: ids(r.uid),
        GID: ids(r.gid),
        Mode: fileMode(kind, r),
      };
      return [
        kind === "secrets"
          ? { File, SecretID: o.id, SecretName: o.name }
          : { File, ConfigID: o.id, ConfigName: o.name },
      ];
    });
    if (list.length > 0) out[kind === "secrets" ? "Secrets" : "Configs"] = list;
  }
  return out;
}

/** Removes the app's secrets/configs that `keep` does not hold (all, when the app goes); ones still in use stay. */
export async function pruneSwarmFiles(
  docker: Docker,
  appId: string,
  keep: SwarmFileRefs | null,
): Promise<number> {
  let removed = 0;
  for (const kind of FILE_KINDS) {
    const wanted = new Set(Object.values(keep?.[kind] ?? {}).map((o) => o.id));
    for (const f of await listAppSwarmFiles(docker, kind, appId))
      if (!wanted.has(f.id))
        removed += await removeSwarmFile(docker, kind, f.id).then(
          () => 1,
          () => 0,
        );
  }
  return removed;
}

export async function undoSwarmFiles(docker: Docker, created: { kind: SwarmFileKind; id: string }[]) {
  for (const c of created) await removeSwarmFile(docker, c.kind, c.id).catch(() => undefined);
}
