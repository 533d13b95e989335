import "server-only";
import { type z } from "zod";
import { notFound } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { publishPolicyOf, volumeDriverAllowList } from "@/lib/deploy/host-policy";
import { getHost } from "@/lib/services/hosts";
import type {
  PublishPolicyInput,
  PublishPolicyView,
  VolumeDriversInput,
  VolumeDriversView,
} from "@/lib/validations/edge";

/** The volume driver allow-list (anyone signed in may read it: the compose editor names what is allowed). */
export async function getVolumeDrivers(): Promise<VolumeDriversView> {
  return { drivers: await volumeDriverAllowList() };
}

export async function setVolumeDrivers(
  input: z.infer<typeof VolumeDriversInput>,
): Promise<VolumeDriversView> {
  const drivers = [...new Set(input.drivers.map((d) => d.trim()).filter((d) => d.toLowerCase() !== "local"))];
  await db.$transaction([
    db.allowedVolumeDriver.deleteMany({ where: { name: { notIn: drivers } } }),
    ...drivers.map((name) =>
      db.allowedVolumeDriver.upsert({ where: { name }, create: { name }, update: {} }),
    ),
  ]);
  return getVolumeDrivers();
}

/** Readable by whoever may see the host (they deploy on it); 404 otherwise. */
export async function getPublishPolicy(actor: Actor, hostId: string): Promise<PublishPolicyView> {
  await getHost(actor, hostId);
  return { hostId, ...(await publishPolicyOf(hostId)) };
}

export async function setPublishPolicy(
  hostId: string,
  input: z.infer<typeof PublishPolicyInput>,
): Promise<PublishPolicyView> {
  if (!(await db.host.findUnique({ where: { id: hostId }, select: { id: true } }))) throw notFound("Host");
  const data = {
    minPort: input.minPort,
    maxPort: input.maxPort,
    addresses: [...new Set(input.addresses.map((a) => a.replace(/^\[(.*)\]$/, "$1").toLowerCase()))],
  };
  await db.hostPublishPolicy.upsert({ where: { hostId }, create: { hostId, ...data }, update: data });
  return { hostId, ...(await publishPolicyOf(hostId)) };
}
