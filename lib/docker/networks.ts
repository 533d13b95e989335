import "server-only";
import { z } from "zod";
import { explainPoolExhausted, nullIfNotFound } from "@/lib/docker/engine-error";
import { APP_LABEL } from "@/lib/docker/labels";
import type Docker from "dockerode";

/** The fields of GET /networks/{id} Wharf reads (dockerode types the answer as `any`). */
export const NetworkInspect = z.object({
  Id: z.string(),
  Name: z.string().nullish(),
  Containers: z.record(z.string(), z.object({ IPv4Address: z.string().nullish() })).nullish(),
});

export type AppNetwork = { id: string; name: string; driver: string; labels: Record<string, string> };

export async function listAppNetworks(docker: Docker, appId: string): Promise<AppNetwork[]> {
  const list = await docker.listNetworks({ filters: { label: [`${APP_LABEL}=${appId}`] } });
  return list.map((n) => ({ id: n.Id, name: n.Name, driver: n.Driver, labels: n.Labels ?? {} }));
}

export async function createNetwork(docker: Docker, body: Docker.NetworkCreateOptions): Promise<string> {
  try {
    return (await docker.createNetwork({ CheckDuplicate: true, ...body })).id;
  } catch (err) {
    throw explainPoolExhausted(err);
  }
}

/** Gone already is fine; a network still in use is an error the caller reports. */
export async function removeNetwork(docker: Docker, id: string): Promise<void> {
  await nullIfNotFound(docker.getNetwork(id).remove());
}

/** The network of that exact name on the engine (an id prefix does not count), or null. */
export async function networkNamed(
  docker: Docker,
  name: string,
): Promise<z.infer<typeof NetworkInspect> | null> {
  const info = await nullIfNotFound(
    docker
      .getNetwork(name)
      .inspect()
      .then((i) => NetworkInspect.parse(i)),
  );
  return info?.Name === name ? info : null;
}

export const networkExists = async (docker: Docker, name: string): Promise<boolean> =>
  (await networkNamed(docker, name)) !== null;
