import "server-only";
import { isNotFound } from "@/lib/docker/engine-error";
import { APP_LABEL } from "@/lib/docker/labels";
import type Docker from "dockerode";

export type AppVolume = { name: string; labels: Record<string, string> };

export async function listAppVolumes(docker: Docker, appId: string): Promise<AppVolume[]> {
  const res = await docker.listVolumes({ filters: { label: [`${APP_LABEL}=${appId}`] } });
  return (res.Volumes ?? []).map((v) => ({
    name: v.Name,
    labels: v.Labels ?? {}, // null when the volume has none, whatever dockerode's type says
  }));
}

export async function createVolume(
  docker: Docker,
  body: {
    Name: string;
    Driver?: string;
    DriverOpts?: Record<string, string>;
    Labels: Record<string, string>;
  },
): Promise<void> {
  await docker.createVolume(body);
}

export async function removeVolume(docker: Docker, name: string): Promise<void> {
  try {
    await docker.getVolume(name).remove();
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export async function volumeExists(docker: Docker, name: string): Promise<boolean> {
  try {
    await docker.getVolume(name).inspect();
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
