import "server-only";
import dns from "node:dns";
import { allowList } from "@/lib/egress/allow-list";
import { EGRESS_REFUSED, egressAllowed, parseIp } from "@/lib/policy/egress";

/** Who is asking: admins are not held to the default refusals (their own requests only). */
export type EgressSubject = { admin: boolean };

/** A refusal by the policy; its message is always EGRESS_REFUSED, whatever is (not) listening there. */
export class EgressRefused extends Error {
  constructor() {
    super(EGRESS_REFUSED);
  }
}

/** The name did not resolve: said the same way for every name, so lookups reveal nothing either. */
export class EgressUnresolved extends Error {}

/**
 * Resolves `host` and checks EVERY address it resolves to (a name that also resolves to loopback is
 * refused, not raced), then returns the one to connect to. The caller must connect to that address
 * (pinning), never resolve the name again.
 */
export async function resolveEgress(host: string, port: number, who: EgressSubject): Promise<string> {
  const bare = host.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (parseIp(bare)) addresses = [bare];
  else if (isLocalhostName(bare)) addresses = ["127.0.0.1", "::1"];
  else {
    try {
      addresses = (await dns.promises.lookup(bare, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new EgressUnresolved(`cannot resolve ${bare}`);
    }
  }
  if (addresses.length === 0) throw new EgressUnresolved(`cannot resolve ${bare}`);
  const list = await allowList();
  if (!addresses.every((a) => egressAllowed(a, port, list, who))) throw new EgressRefused();
  return addresses[0];
}

/**
 * "localhost" and every name under it are loopback (RFC 6761), whatever DNS says: curl and some
 * resolvers answer them without asking DNS, so the policy does too (also with a trailing dot).
 */
const isLocalhostName = (name: string) => /(^|\.)localhost\.?$/i.test(name);

export function defaultPort(protocol: string): number {
  return { "http:": 80, "https:": 443, "ssh:": 22 }[protocol] ?? 0;
}

/** Checks a URL's host and port; returns the address to connect to. */
export async function checkUrlEgress(url: URL, who: EgressSubject): Promise<string> {
  return resolveEgress(url.hostname, Number(url.port) || defaultPort(url.protocol), who);
}
