/**
 * The egress policy, pure (no I/O): which addresses a non-admin's git URL, registry, token realm or
 * `ADD <url>` may reach, and how admins' allow-list entries ("CIDR[:port]") are read.
 * Callers resolve names first and check EVERY address a name resolves to (lib/egress/check.ts), then
 * connect to the address they checked, so a second DNS answer cannot swap in another target.
 */
import net from "node:net";

export type Family = 4 | 6;
export type Cidr = { family: Family; base: bigint; bits: number };
export type AllowEntry = Cidr & { port: number | null };

/** One message for every refusal, so that a refusal never tells what is (or is not) listening. */
export const EGRESS_REFUSED = "refused by the egress policy";

const V4_BITS = 32;
const V6_BITS = 128;

function v4ToBig(ip: string): bigint {
  return ip.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6ToBig(ip: string): bigint {
  let text = ip.toLowerCase().split("%")[0];
  // A trailing dotted quad (::ffff:1.2.3.4) becomes two hex groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const v = v4ToBig(quad[1]);
    text = `${text.slice(0, -quad[1].length)}${(v >> 16n).toString(16)}:${(v & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const fill = tail === null ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill("0");
  return [...headGroups, ...fill, ...tailGroups].reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n);
}

/** An IP literal as a number with its family, or null when `ip` is not an IP address. */
export function parseIp(ip: string): { family: Family; value: bigint } | null {
  const bare = ip.replace(/^\[|\]$/g, "");
  if (net.isIPv4(bare)) return { family: 4, value: v4ToBig(bare) };
  if (net.isIPv6(bare)) return { family: 6, value: v6ToBig(bare) };
  return null;
}

const maskOf = (family: Family, bits: number) => {
  const total = family === 4 ? V4_BITS : V6_BITS;
  return ((1n << BigInt(bits)) - 1n) << BigInt(total - bits);
};

function cidr(text: string): Cidr {
  const [ip, bits] = text.split("/");
  const p = parseIp(ip)!;
  const b = Number(bits);
  return { family: p.family, base: p.value & maskOf(p.family, b), bits: b };
}

export const inCidr = (family: Family, value: bigint, c: Cidr) =>
  family === c.family && (value & maskOf(c.family, c.bits)) === c.base;

/**
 * Ranges refused by default, with the reason (for logs and docs only: users see EGRESS_REFUSED).
 * Cloud metadata endpoints sit inside these (169.254.169.254, fd00:ec2::254, 100.100.100.200).
 */
const BLOCKED: [string, string][] = [
  ["0.0.0.0/8", "this network"],
  ["10.0.0.0/8", "private (RFC 1918)"],
  ["100.64.0.0/10", "shared address space (CGNAT, RFC 6598)"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local (cloud metadata)"],
  ["172.16.0.0/12", "private (RFC 1918)"],
  ["192.0.0.0/24", "IETF protocol assignments"],
  ["192.0.2.0/24", "documentation"],
  ["192.88.99.0/24", "6to4 relay anycast"],
  ["192.168.0.0/16", "private (RFC 1918)"],
  ["198.18.0.0/15", "benchmarking"],
  ["198.51.100.0/24", "documentation"],
  ["203.0.113.0/24", "documentation"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved and broadcast"],
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  ["100::/64", "discard"],
  ["2001::/32", "Teredo"],
  ["2001:db8::/32", "documentation"],
  ["fc00::/7", "unique local (ULA)"],
  ["fe80::/10", "link-local"],
  ["fec0::/10", "site-local (deprecated)"],
  ["ff00::/8", "multicast"],
];
const BLOCKED_RANGES = BLOCKED.map(([text, reason]) => ({ ...cidr(text), reason }));

/** IPv6 forms that carry an IPv4 address the packet may end up at: mapped, compatible, NAT64, 6to4. */
function embeddedV4(value: bigint): bigint | null {
  const top96 = value >> 32n;
  if (top96 === 0xffffn || top96 === 0n) return value & 0xffffffffn; // ::ffff:a.b.c.d, ::a.b.c.d
  if (value >> 32n === 0x0064ff9b0000000000000000n) return value & 0xffffffffn; // 64:ff9b::/96
  if (value >> 112n === 0x2002n) return (value >> 80n) & 0xffffffffn; // 2002:AABB:CCDD::/48
  return null;
}

/** Why the default policy refuses this address, or null when it is a public address. */
export function blockedReason(ip: string): string | null {
  const p = parseIp(ip);
  if (!p) return "not an IP address";
  const v4 = p.family === 6 ? embeddedV4(p.value) : null;
  if (v4 !== null && !(p.value === 0n || p.value === 1n)) return blockedReason(v4ToText(v4));
  return BLOCKED_RANGES.find((r) => inCidr(p.family, p.value, r))?.reason ?? null;
}

const v4ToText = (v: bigint) => [24n, 16n, 8n, 0n].map((s) => Number((v >> s) & 255n)).join(".");

/** A range as iptables reads it: "10.0.0.0/8", "fd00::/8". */
export const cidrText = (c: Cidr) => `${c.family === 4 ? v4ToText(c.base) : v6ToText(c.base)}/${c.bits}`;

export type AllowEntryParse = { ok: true; entry: AllowEntry; text: string } | { ok: false; reason: string };

/**
 * Reads "CIDR[:port]": `127.0.0.1:5000`, `10.0.0.0/8`, `172.16.0.0/12:3000`, `[::1]:5000`, `fd00::/8`,
 * `[fd00::]/8:443`. A bare address is a /32 (/128). Returns the canonical text stored and shown.
 */
export function parseAllowEntry(input: string): AllowEntryParse {
  const s = input.trim();
  let addr: string;
  let bits: string | undefined;
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?:\/(\d+))?(?::(\d+))?$/.exec(s);
  const v4 = /^([\d.]+)(?:\/(\d+))?(?::(\d+))?$/.exec(s);
  if (bracketed) [, addr, bits, port] = bracketed;
  else if (v4) [, addr, bits, port] = v4;
  else if (/^[0-9a-f:]+(\/\d+)?$/i.test(s)) [addr, bits] = s.split("/");
  else return { ok: false, reason: "use CIDR[:port], e.g. 127.0.0.1/32:5000, 10.0.0.0/8 or [::1]:5000" };
  const ip = parseIp(addr);
  if (!ip) return { ok: false, reason: `"${addr}" is not an IP address` };
  const max = ip.family === 4 ? V4_BITS : V6_BITS;
  const b = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(b) || b < 0 || b > max)
    return { ok: false, reason: `the prefix length must be between 0 and ${max}` };
  const p = port === undefined ? null : Number(port);
  if (p !== null && (!Number.isInteger(p) || p < 1 || p > 65535))
    return { ok: false, reason: "the port must be between 1 and 65535" };
  const base = ip.value & maskOf(ip.family, b);
  const baseText = ip.family === 4 ? v4ToText(base) : v6ToText(base);
  const net = ip.family === 4 ? `${baseText}/${b}` : `[${baseText}]/${b}`;
  return { ok: true, entry: { family: ip.family, base, bits: b, port: p }, text: p ? `${net}:${p}` : net };
}

function v6ToText(v: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) =>
    Number((v >> BigInt(112 - i * 16)) & 0xffffn).toString(16),
  );
  return net.isIPv6(groups.join(":")) ? compressV6(groups) : groups.join(":");
}

/** The longest run of zero groups becomes "::" (RFC 5952). */
function compressV6(groups: string[]): string {
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best.len && j - i > 1) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.at < 0) return groups.join(":");
  return `${groups.slice(0, best.at).join(":")}::${groups.slice(best.at + best.len).join(":")}`;
}

export function allowedByList(ip: string, port: number, list: AllowEntry[]): boolean {
  const p = parseIp(ip);
  if (!p) return false;
  return list.some((e) => (e.port === null || e.port === port) && inCidr(p.family, p.value, e));
}

/**
 * The decision for one resolved address: admins may reach anything; everyone else may reach public
 * addresses, and the rest only when an allow-list entry names it (and its port, when the entry has one).
 */
export function egressAllowed(
  ip: string,
  port: number,
  list: AllowEntry[],
  opts: { admin: boolean },
): boolean {
  if (opts.admin) return true;
  if (!parseIp(ip)) return false;
  return blockedReason(ip) === null || allowedByList(ip, port, list);
}
