import "server-only";
import { TrustedProxies } from "@/lib/auth/proxies";
import { config } from "@/lib/config";

/** What reading a request's headers needs: a Fetch `Headers`, or the direct routes' view of Node's (lib/api/request.ts). */
export type HeaderReader = Pick<Headers, "get">;

declare global {
  var wharfTrustedProxies: TrustedProxies | undefined;
}
const g = globalThis;
/** WHARF_TRUSTED_PROXIES, parsed once; entries that are not CIDRs are logged and ignored (never trusted). */
export function trustedProxies(): TrustedProxies {
  if (!g.wharfTrustedProxies) {
    g.wharfTrustedProxies = new TrustedProxies(config.trustedProxies);
    if (g.wharfTrustedProxies.invalid.length)
      console.error(
        `[wharf] WHARF_TRUSTED_PROXIES: ignoring entries that are not CIDRs: ${g.wharfTrustedProxies.invalid.join(", ")}`,
      );
  }
  return g.wharfTrustedProxies;
}

/** The socket peer, as server.ts stamped it (it overwrites whatever a client sent in that header). */
export const peerOf = (headers: HeaderReader) => headers.get("x-wharf-remote-addr") ?? "";
/** The client's address: the socket peer, or what a trusted proxy says in X-Forwarded-For. */
export function clientIpFrom(headers: HeaderReader): string {
  return trustedProxies().clientAddress(peerOf(headers), headers.get("x-forwarded-for"));
}
