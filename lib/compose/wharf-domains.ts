// `x-wharf: {domains: [{host, port, path, redirect_https, basic_auth}]}` on a compose service: the service's
// domains through the edge proxy (docs/edge.md, "Domains in compose"). An `x-` key, so `docker compose` ignores
// it. Each entry passes the API's own rules (lib/validations/domain.ts) here; who may claim the name is checked
// at deploy (lib/services/compose-domains.ts). Basic auth takes a bcrypt hash, so no password sits in the file.
import { ComposeDomain, DOMAIN_LIMITS, type ServiceDomainSpec } from "@/lib/validations/domain";
import { wharfExtension, type Ctx, type Raw } from "./normalize-fields";
import { isRaw } from "./raw";
import type { PathSeg } from "./path";

export const WHARF_KEY = "x-wharf";

export function wharfDomains(ctx: Ctx, raw: Raw, path: PathSeg[]): ServiceDomainSpec[] | undefined {
  const ext = wharfExtension(ctx, raw, path, WHARF_KEY, isRaw, "a mapping, e.g. {domains: [{host, port}]}");
  if (!ext) return undefined;
  const { at } = ext;
  const { domains, ...rest } = ext.value;
  for (const key of Object.keys(rest))
    ctx.errors.push({ path: [...at, key], message: "is not a Wharf extension key (domains is)" });
  if (domains === undefined) return undefined;
  if (!Array.isArray(domains) || domains.length > DOMAIN_LIMITS.perApp) {
    ctx.errors.push({
      path: [...at, "domains"],
      message: `must be a list of at most ${DOMAIN_LIMITS.perApp} {host, port, path?, redirect_https?, basic_auth?}`,
    });
    return undefined;
  }
  const out: ServiceDomainSpec[] = [];
  domains.forEach((entry, i) => {
    const parsed = ComposeDomain.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.errors.push({
          path: [...at, "domains", i, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
          message: issue.message,
        });
      return;
    }
    const d = parsed.data;
    out.push({
      host: d.host,
      port: d.port,
      pathPrefix: d.path,
      redirectHttps: d.redirect_https,
      ...(d.basic_auth
        ? { basicAuth: { username: d.basic_auth.username, hash: d.basic_auth.password_hash } }
        : {}),
    });
  });
  return out.length ? out : undefined;
}
