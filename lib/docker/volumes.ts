import "server-only";
import { nullIfNotFound } from "@/lib/docker/engine-error";
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
  await nullIfNotFound(docker.getVolume(name).remove());
}

export async function volumeExists(docker: Docker, name: string): Promise<boolean> {
  return (await nullIfNotFound(docker.getVolume(name).inspect())) !== null;
}
