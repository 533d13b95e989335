import { z } from "zod";

/**
 * An IPv4 or IPv6 address, checked without node:net so the browser's forms use the same rule: zod's IPv4 form, or
 * what the URL parser takes between brackets (IPv6, also with an embedded IPv4; no zone id).
 */
const isIpAddress = (a: string) =>
  z.ipv4().safeParse(a).success || (/^[0-9a-f:.]+$/i.test(a) && URL.canParse(`http://[${a}]`));

const Port = z.number().int().min(1, "must be 1–65535").max(65535, "must be 1–65535");

/** Docker volume plugin names: `name`, `org/name` or `org/name:tag`. */
export const VolumeDriverName = z
  .string()
  .trim()
  .min(1, "is required")
  .max(128, "is too long")
  .regex(/^[a-z0-9][a-z0-9._/:-]*$/i, "use a plugin name such as rexray/ebs or nfs");

export const VolumeDriversInput = z.object({
  drivers: z.array(VolumeDriverName).max(50, "at most 50 drivers"),
});
export const VolumeDriversView = z.object({
  drivers: z.array(z.string()).describe('Besides "local", which is always allowed'),
});
export type VolumeDriversView = z.infer<typeof VolumeDriversView>;

/** The host's own addresses published ports may bind to (the wildcard and loopback are always allowed). */
export const PublishPolicyInput = z
  .object({
    minPort: Port,
    maxPort: Port,
    addresses: z
      .array(
        z
          .string()
          .trim()
          .refine((a) => isIpAddress(a.replace(/^\[(.*)\]$/, "$1")), "must be an IPv4 or IPv6 address"),
      )
      .max(32, "at most 32 addresses")
      .default([]),
  })
  .refine((p) => p.minPort <= p.maxPort, { path: ["maxPort"], message: "must not be below minPort" });
export const PublishPolicyView = z.object({
  hostId: z.string(),
  minPort: z.number(),
  maxPort: z.number(),
  addresses: z.array(z.string()),
});
export type PublishPolicyView = z.infer<typeof PublishPolicyView>;
