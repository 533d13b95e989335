import { z } from "zod";
import { ERROR_CODES } from "@/lib/api/error-codes";

export const NAME_MAX = 64;
export const Id = z.string().min(1).max(64);
/**
 * The console's tenant context on every list, counter and stream: narrows what the caller may see to one tenant,
 * never widens it. Absent: all the caller's tenants (admin and ops: everything). A tenant the caller cannot see: 404.
 */
export const TenantScope = Id.optional().describe(
  "Only this tenant's objects (the console's tenant context). Absent: every tenant the caller may see. A tenant the caller is not a member of (or that does not exist) is a 404.",
);
export const TenantScopeQuery = z.object({ tenantId: TenantScope });
export const DisplayName = z
  .string()
  .trim()
  .min(1, "is required")
  .max(NAME_MAX, `must be at most ${NAME_MAX} characters`);
/** Slugs become parts of Docker object names, so they stay short and lowercase. */
export const Slug = z
  .string()
  .trim()
  .min(1, "is required")
  .max(32, "must be at most 32 characters")
  .regex(
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    "use lowercase letters, digits and dashes, starting and ending with a letter or digit",
  );

export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 32)
      .replace(/-+$/, "") || "x"
  );
}

/** `text` read as JSON of `schema`'s shape, or null when it is not JSON or not that shape. */
export function parseJsonAs<T>(schema: z.ZodType<T>, text: string): T | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * What the view of an object a tenant owns (a project, a registry) starts with: its id, owner and times. A fragment
 * the views extend, not an answer of its own.
 */
export const TenantOwnedView = z.object({
  id: z.string(),
  tenantId: z.string(),
  tenantName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const Page = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(64).optional(),
});

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    /** Seconds to wait before retrying (also sent as `Retry-After`). */
    retryAfter: z.number().int().nonnegative().optional(),
  }),
});
