// A host's network or volume an admin shares with one tenant (`external: true` in its compose files).
import { z } from "zod";
import { Id } from "./common";
import { ENGINE_NAME_RE } from "./compose-limits";

export const SharedObjectKind = z.enum(["network", "volume"]);
export type SharedObjectKind = z.infer<typeof SharedObjectKind>;

export const SharedObjectInput = z.object({
  kind: SharedObjectKind,
  hostId: Id,
  name: z
    .string()
    .trim()
    .regex(ENGINE_NAME_RE, "must be a network or volume name on the host (letters, digits, _ . -)"),
  note: z.string().trim().max(200, "must be at most 200 characters").default(""),
});

export const SharedObjectView = z.object({
  id: z.string(),
  tenantId: z.string(),
  hostId: z.string(),
  kind: SharedObjectKind,
  name: z.string(),
  note: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type SharedObjectView = z.infer<typeof SharedObjectView>;
