import "server-only";
// Swarm secrets and configs (`docker secret` / `docker config`). Only managers answer these calls.
import { z } from "zod";
import { nullIfNotFound } from "@/lib/docker/engine-error";
import { WHARF_LABELS } from "@/lib/docker/labels";
import type Docker from "dockerode";

export type SwarmFileKind = "secrets" | "configs";
export type SwarmFile = { id: string; name: string; labels: Record<string, string> };

const Listed = z.array(
  z.object({
    ID: z.string(),
    Spec: z.object({ Name: z.string(), Labels: z.record(z.string(), z.string()).nullish() }),
  }),
);
const Created = z.object({ id: z.string().optional(), ID: z.string().optional() });

async function list(docker: Docker, kind: SwarmFileKind, filters: Record<string, string[]>) {
  const raw: unknown =
    kind === "secrets" ? await docker.listSecrets({ filters }) : await docker.listConfigs({ filters });
  return Listed.parse(raw).map((s) => ({ id: s.ID, name: s.Spec.Name, labels: s.Spec.Labels ?? {} }));
}

/** The app's secrets or configs, by the label the server stamps (users cannot set wharf.* labels). */
export const listAppSwarmFiles = (docker: Docker, kind: SwarmFileKind, appId: string): Promise<SwarmFile[]> =>
  list(docker, kind, { label: [`${WHARF_LABELS.app}=${appId}`] });

/** Exact name match (the engine's name filter matches prefixes). */
export async function findSwarmFile(docker: Docker, kind: SwarmFileKind, name: string) {
  return (await list(docker, kind, { name: [name] })).find((f) => f.name === name) ?? null;
}

export async function createSwarmFile(
  docker: Docker,
  kind: SwarmFileKind,
  body: {
    Name: string;
    Labels: Record<string, string>;
    Data?: string;
    /** Engine API SecretSpec/ConfigSpec.Templating: the task's copy is rendered by this driver. */
    Templating?: { Name: string };
    /** SecretSpec.Driver: a secrets plugin supplies the value (no Data). */
    Driver?: { Name: string; Options: Record<string, string> };
  },
): Promise<string> {
  const res: unknown = kind === "secrets" ? await docker.createSecret(body) : await docker.createConfig(body);
  const created = Created.parse(res);
  const id = created.id ?? created.ID;
  if (id) return id;
  const found = await findSwarmFile(docker, kind, body.Name);
  if (!found) throw new Error(`the Swarm did not create ${kind} ${body.Name}`);
  return found.id;
}

/** Gone already is fine; one still used by a service is an error the caller decides about. */
export async function removeSwarmFile(docker: Docker, kind: SwarmFileKind, id: string): Promise<void> {
  await nullIfNotFound((kind === "secrets" ? docker.getSecret(id) : docker.getConfig(id)).remove());
}
