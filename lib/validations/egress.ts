import { z } from "zod";

/** "CIDR[:port]"; the service reads it with the policy's own parser (lib/policy/egress.ts parseAllowEntry). */
export const EgressAllowEntry = z.string().trim().min(1, "is required").max(64, "is too long");

export const EgressAllowInput = z.object({
  entry: EgressAllowEntry.meta({
    description: "CIDR[:port], e.g. 127.0.0.1/32:5000, 10.0.0.0/8 or [::1]:5000",
  }),
  note: z.string().trim().max(200, "is too long").default(""),
});

export const EgressAllowView = z.object({
  id: z.string(),
  entry: z.string(),
  note: z.string(),
  /** "admin": added in the UI or API; "environment": from WHARF_EGRESS_ALLOW (read-only here). */
  source: z.enum(["admin", "environment"]),
  createdAt: z.string().nullable(),
});
export type EgressAllowView = z.infer<typeof EgressAllowView>;
