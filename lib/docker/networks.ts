import "server-only";
import { z } from "zod";
import { explainPoolExhausted, isNotFound } from "@/lib/docker/engine-error";
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
  try {
    await docker.getNetwork(id).remove();
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** Whether a network of that exact name exists on the engine (an id prefix does not count). */
export async function networkExists(docker: Docker, name: string): Promise<boolean> {
  try {
    const info = NetworkInspect.parse(await docker.getNetwork(name).inspect());
    return info.Name === name;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
