import { BlockList, isIPv4, isIPv6 } from "node:net";

/**
 * Which peers may speak for the client in X-Forwarded-For/-Proto/-Host: the CIDR list of WHARF_TRUSTED_PROXIES,
 * none by default. A header from any other peer is ignored, so a client cannot pick the address that the sign-in
 * throttle counts or that the audit log records. Pure (no server-only) so it is unit-tested.
 */
export class TrustedProxies {
  private list = new BlockList();
  readonly invalid: string[] = [];
  readonly size: number;

  constructor(cidrs: string[]) {
    let size = 0;
    for (const raw of cidrs) {
      const [addr, bits] = raw.split("/");
      const family = isIPv4(addr) ? "ipv4" : isIPv6(addr) ? "ipv6" : null;
      const prefix = bits === undefined ? (family === "ipv4" ? 32 : 128) : Number(bits);
      const max = family === "ipv4" ? 32 : 128;
      if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits ?? "0").trim() === "") {
        this.invalid.push(raw);
        continue;
      }
      this.list.addSubnet(addr, prefix, family);
      size++;
    }
    this.size = size;
  }

  /** IPv4 peers on a dual-stack socket arrive as ::ffff:a.b.c.d; they match the IPv4 ranges. */
  has(address: string): boolean {
    if (this.size === 0 || !address) return false;
    const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    if (v4) return this.list.check(v4, "ipv4");
    if (isIPv4(address)) return this.list.check(address, "ipv4");
    return isIPv6(address) && this.list.check(address, "ipv6");
  }

  /**
   * The client's address: the socket peer, unless that is a trusted proxy; then X-Forwarded-For is read from the
   * right (each proxy appends the peer it saw), skipping trusted hops; the first untrusted one is the client.
   */
  clientAddress(peer: string, forwardedFor: string | null): string {
    if (!this.has(peer) || !forwardedFor) return peer;
    const hops = forwardedFor
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      if (!this.has(hops[i])) return isIPv4(hops[i]) || isIPv6(hops[i]) ? hops[i] : peer;
    }
    return hops[0] ?? peer;
  }
}
