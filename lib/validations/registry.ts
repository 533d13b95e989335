import { z } from "zod";
import { DisplayName, Id, TenantOwnedView, TenantScopeQuery } from "@/lib/validations/common";

/**
 * A registry address: `host[:port]` with an optional scheme. No path, query or credentials in it.
 * Plain http is accepted only for loopback registries (what the engine itself trusts without TLS).
 */
export const RegistryUrl = z
  .string()
  .trim()
  .min(1, "is required")
  .max(255, "is too long")
  .regex(
    /^(https?:\/\/)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?\/?$/i,
    "use host[:port], optionally with https:// (no path, no credentials)",
  )
  .refine(
    (u) => !/^http:\/\//i.test(u) || /^http:\/\/(localhost|127\.\d+\.\d+\.\d+)(:\d+)?\/?$/i.test(u),
    "plain http is only allowed for localhost/127.0.0.0/8 registries",
  );

export const RegistryCreateInput = z.object({
  tenantId: Id,
  name: DisplayName,
  url: RegistryUrl,
  username: z.string().trim().min(1, "is required").max(200, "is too long"),
  password: z.string().min(1, "is required").max(4096, "is too long"),
});

/** Changing the URL needs the password again, so stored credentials are never sent to a new address. */
export const RegistryUpdateInput = z
  .object({
    name: DisplayName.optional(),
    url: RegistryUrl.optional(),
    username: z.string().trim().min(1, "is required").max(200).optional(),
    password: z.string().min(1, "is required").max(4096).optional(),
  })
  .refine((v) => (!v.url && !v.username) || v.password, {
    message: "enter the password again when changing the URL or username",
    path: ["password"],
  });

export const RegistryListQuery = TenantScopeQuery;

export const RegistryView = TenantOwnedView.extend({
  name: z.string(),
  url: z.string(),
  host: z.string(),
  username: z.string(),
});
export type RegistryView = z.infer<typeof RegistryView>;
