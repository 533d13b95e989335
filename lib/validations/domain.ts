import { z } from "zod";

// Domains routed through the edge proxy (docs/edge.md). Every value here ends up in Caddy's JSON config, so
// each is checked against a closed alphabet and put in canonical form: no `{` (Caddy placeholders), no
// whitespace or newline, no `..`, nothing outside ASCII (an internationalised name must be given as punycode,
// `xn--…`, so look-alike letters cannot pass as ASCII ones).

export const DOMAIN_LIMITS = { host: 253, label: 63, path: 200, perApp: 50, basesPerTenant: 20 } as const;

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Why `value` is not a hostname we route, or null (lowercase is applied first). */
export function hostnameProblem(value: string): string | null {
  if (!/^[\x21-\x7e]+$/.test(value))
    return "use ASCII letters, digits, dots and hyphens only (write an internationalised name as punycode, xn--…)";
  const host = value.toLowerCase();
  if (host.length > DOMAIN_LIMITS.host) return `at most ${DOMAIN_LIMITS.host} characters`;
  const labels = host.split(".");
  if (labels.length < 2) return "must have at least two labels, e.g. web.team-a.apps.example.com";
  for (const label of labels) {
    if (!label) return "has an empty label (two dots in a row, or a dot at an end)";
    if (!LABEL.test(label))
      return `label "${label}" may hold only a–z, 0–9 and inner hyphens (at most ${DOMAIN_LIMITS.label})`;
    if (/^..--/.test(label) && !label.startsWith("xn--"))
      return `label "${label}": only xn-- may have -- there`;
  }
  if (/^[0-9.]+$/.test(host)) return "must be a name, not an IP address";
  return null;
}

export const Hostname = z
  .string()
  .trim()
  .min(1, "is required")
  .superRefine((v, ctx) => {
    const problem = hostnameProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((v) => v.toLowerCase());

/** Why `value` is not a path prefix we route, or null. */
export function pathPrefixProblem(value: string): string | null {
  if (!value.startsWith("/")) return 'must start with "/"';
  if (value.length > DOMAIN_LIMITS.path) return `at most ${DOMAIN_LIMITS.path} characters`;
  if (!/^[A-Za-z0-9._~/-]+$/.test(value)) return "may hold only letters, digits and . _ ~ / -";
  const segments = value.split("/").slice(1);
  if (segments.some((s) => s === "." || s === "..")) return 'may not have "." or ".." segments';
  if (value.length > 1 && segments.slice(0, -1).some((s) => !s)) return 'may not have "//"';
  return null;
}

/** "/", or "/a/b" without a trailing slash (the route matches "/a/b" and everything under "/a/b/"). */
export const PathPrefix = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const problem = pathPrefixProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((v) => (v.length > 1 ? v.replace(/\/+$/, "") || "/" : v));

/** Basic auth in front of a route. The password is hashed (bcrypt) before it is stored and never shown back. */
export const BasicAuthInput = z.object({
  username: z
    .string()
    .trim()
    .min(1, "is required")
    .max(64, "at most 64 characters")
    .regex(/^[A-Za-z0-9._-]+$/, "may hold only letters, digits and . _ -"),
  password: z
    .string()
    .min(8, "at least 8 characters")
    // bcrypt reads 72 bytes: a longer password would be checked on its first 72 bytes only.
    .refine((p) => new TextEncoder().encode(p).length <= 72, "at most 72 bytes")
    .describe("write-only: stored as a bcrypt hash"),
});
export type BasicAuthInput = z.infer<typeof BasicAuthInput>;

export const DomainCreateInput = z.object({
  host: Hostname.describe("e.g. web.team-a.apps.example.com: under one of the tenant's base domains"),
  service: z
    .string()
    .min(1, "is required")
    .max(63)
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, "is not a service name"),
  port: z.number().int().min(1, "must be 1–65535").max(65535, "must be 1–65535").describe("container port"),
  pathPrefix: PathPrefix.default("/"),
  redirectHttps: z.boolean().default(true).describe("plain HTTP answers 308 to the HTTPS address"),
  basicAuth: BasicAuthInput.optional().describe(
    "visitors must give this user name and password (401 otherwise)",
  ),
});
export type DomainCreateInput = z.infer<typeof DomainCreateInput>;

/** Changing a domain in place: its basic auth set or replaced (an object) or removed (null). */
export const DomainUpdateInput = z
  .object({
    basicAuth: BasicAuthInput.nullable().describe(
      "a user name and password set or replace the basic auth (the password stored as a bcrypt hash); null removes it",
    ),
  })
  .strict();
export type DomainUpdateInput = z.infer<typeof DomainUpdateInput>;

/** A bcrypt hash as `caddy hash-password` or `htpasswd -B` writes it (compose files carry a hash, never a password). */
export const BCRYPT_HASH = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/;

/** A domain declared in compose (`x-wharf: {domains: […]}` on a service): the same rules as the API's. */
export const ComposeDomain = z
  .object({
    host: Hostname,
    port: z.number().int().min(1, "must be 1–65535").max(65535, "must be 1–65535"),
    path: PathPrefix.default("/"),
    redirect_https: z.boolean().default(true),
    basic_auth: z
      .object({
        username: BasicAuthInput.shape.username,
        password_hash: z
          .string()
          .regex(BCRYPT_HASH, "must be a bcrypt hash (caddy hash-password), never the password itself"),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The service's domains in the spec (camelCase, like the rest of it). */
export const ServiceDomainSpec = z.object({
  host: z.string(),
  port: z.number().int(),
  pathPrefix: z.string(),
  redirectHttps: z.boolean(),
  basicAuth: z.object({ username: z.string(), hash: z.string() }).optional(),
});
export type ServiceDomainSpec = z.infer<typeof ServiceDomainSpec>;

export const DomainView = z.object({
  id: z.string(),
  appId: z.string(),
  tenantId: z.string(),
  service: z.string(),
  port: z.number(),
  host: z.string(),
  pathPrefix: z.string(),
  redirectHttps: z.boolean(),
  approved: z
    .boolean()
    .describe("custom domains are routed once control is proven (HTTP token) or an admin approved them"),
  challenge: z
    .object({
      url: z
        .string()
        .describe("http://<domain>/.well-known/wharf-challenge/<id>: the edge answers it with `token`"),
      token: z.string(),
    })
    .nullable()
    .describe(
      "a custom domain waiting for proof of control: point the name's DNS at the edge, then POST …/verify; null once routed",
    ),
  source: z.enum(["api", "compose"]).describe("compose: declared by the app's x-wharf extension"),
  basicAuthUser: z
    .string()
    .nullable()
    .describe("basic auth's user name, or null; the password is never shown"),
  url: z.string().describe("the HTTPS address, with the edge's port when it is not 443"),
  certificate: z
    .object({ issuer: z.string(), expiresAt: z.string() })
    .nullable()
    .describe("the certificate the edge serves for the name (read over TLS); null: none yet, or not listed"),
  createdAt: z.string(),
});
export type DomainView = z.infer<typeof DomainView>;

export const TenantEdgeInput = z.object({
  baseDomains: z
    .array(Hostname)
    .max(DOMAIN_LIMITS.basesPerTenant, `at most ${DOMAIN_LIMITS.basesPerTenant}`)
    .describe("developers may attach <name>.<base> and <base>"),
  customDomains: z.boolean().describe("developers may attach other domains, routed once an admin approves"),
});
export type TenantEdgeSettings = z.infer<typeof TenantEdgeInput>;
export const TenantEdgeView = z.object({
  tenantId: z.string(),
  baseDomains: z.array(z.string()),
  customDomains: z.boolean(),
});
export type TenantEdgeView = z.infer<typeof TenantEdgeView>;

/** Whether `host` is `base` or a name under it. */
export const isUnder = (host: string, base: string) => host === base || host.endsWith(`.${base}`);

/** One window of a domain's traffic, from Caddy's access log (docs/edge.md "Traffic figures"). */
export const TrafficWindowView = z.object({
  seconds: z.number().describe("the window: the last 60, 300 or 900 seconds"),
  requests: z.number(),
  perSecond: z.number(),
  rate4xx: z.number().describe("fraction of the requests answered 4xx, 0..1"),
  rate5xx: z.number().describe("fraction of the requests answered 5xx, 0..1"),
  p50Ms: z
    .number()
    .nullable()
    .describe("upper bound of the latency bucket holding the median; null: no request"),
  p95Ms: z.number().nullable().describe("the same for the 95th percentile"),
});
export const DomainTrafficView = z.object({
  domainId: z.string(),
  host: z.string(),
  pathPrefix: z.string(),
  windows: z.array(TrafficWindowView),
});
export const AppTrafficView = z.object({
  enabled: z
    .boolean()
    .describe("false: no access log is read (WHARF_EDGE_ACCESS_LOG unset or no edge proxy)"),
  items: z.array(DomainTrafficView),
});
export type AppTrafficView = z.infer<typeof AppTrafficView>;
