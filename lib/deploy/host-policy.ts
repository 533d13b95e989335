import "server-only";
import { z } from "zod";
import { forbidden } from "@/lib/api/errors";
import type { AppSpec } from "@/lib/compose/spec";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  checkPublishing,
  checkVolumeDrivers,
  DEFAULT_PUBLISH_POLICY,
  type PublishPolicy,
} from "@/lib/policy/publishing";

const Addresses = z.array(z.string());
/** HostPublishPolicy.addresses, read in one place: a row that does not hold a list of addresses allows none. */
export function publishAddresses(stored: Prisma.JsonValue): string[] {
  const addresses = Addresses.safeParse(stored);
  return addresses.success ? addresses.data : [];
}

/** The host's publishing policy as an admin set it, or the defaults. */
export async function publishPolicyOf(hostId: string): Promise<PublishPolicy> {
  const row = await db.hostPublishPolicy.findUnique({ where: { hostId } });
  if (!row) return DEFAULT_PUBLISH_POLICY;
  return { minPort: row.minPort, maxPort: row.maxPort, addresses: publishAddresses(row.addresses) };
}

export async function volumeDriverAllowList(): Promise<string[]> {
  return (await db.allowedVolumeDriver.findMany({ orderBy: { name: "asc" } })).map((d) => d.name);
}

/**
 * Checked wherever a spec is planned or run on a host (plan, deploy, scale, update, rollback, start, webhook):
 * published ports within the host's range and on its own addresses — for everyone, the admin set the range —
 * and volume drivers on the allow-list — for non-admins, like the rest of the admission policy. 403 naming each field.
 */
export async function enforceHostPolicy(hostId: string, spec: AppSpec, admin: boolean): Promise<void> {
  const violations = [
    ...checkPublishing(spec, await publishPolicyOf(hostId)),
    ...(admin ? [] : checkVolumeDrivers(spec, await volumeDriverAllowList())),
  ];
  if (violations.length === 0) return;
  throw forbidden(
    `Refused by the host's policy — ${violations.map((v) => `${v.path}: ${v.reason}`).join("; ")}`,
    Object.fromEntries(violations.map((v) => [v.path, v.reason])),
  );
}
