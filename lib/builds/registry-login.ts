import "server-only";
import { allowList } from "@/lib/egress/allow-list";
import { defaultPort, EgressRefused, resolveEgress, type EgressSubject } from "@/lib/egress/check";
import { egressGet, type EgressResponse } from "@/lib/egress/http";
import { allowedByList, EGRESS_REFUSED } from "@/lib/policy/egress";

/** The registry said no to these credentials (a 401/403 on login). The message never contains the password. */
export class RegistryRefused extends Error {}
export class RegistryUnreachable extends Error {}

const TIMEOUT_MS = 10_000;

/** Base URL for the registry's HTTP API: the scheme given, else https (http for loopback, as the engine does). */
export function registryBaseUrl(url: string): { base: string; host: string } {
  const m = /^(https?):\/\/(.*?)\/?$/i.exec(url);
  const host = (m ? m[2] : url.replace(/\/$/, "")).toLowerCase();
  const scheme = m
    ? m[1].toLowerCase()
    : /^(localhost|127\.\d+\.\d+\.\d+)(:\d+)?$/.test(host)
      ? "http"
      : "https";
  return { base: `${scheme}://${host}`, host };
}

function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const [scheme, ...rest] = header.trim().split(/\s+/);
  const params: Record<string, string> = {};
  for (const m of rest.join(" ").matchAll(/(\w+)="([^"]*)"/g)) params[m[1]] = m[2];
  return { scheme: scheme.toLowerCase(), params };
}

/** The policy's own refusal and "unreachable" both become RegistryUnreachable, worded without detail. */
async function get(
  url: URL,
  who: EgressSubject,
  headers: Record<string, string> = {},
): Promise<EgressResponse> {
  try {
    return await egressGet(url, headers, who, TIMEOUT_MS);
  } catch (err) {
    if (err instanceof EgressRefused) throw new RegistryUnreachable(`${url.host}: ${err.message}`);
    throw new RegistryUnreachable(unreachable(url.host));
  }
}

const unreachable = (host: string) => `cannot reach a registry at ${host}`;

/** Docker Hub hands out tokens from another host than the one it serves images from. */
const KNOWN_REALM_HOSTS: Record<string, string[]> = {
  "docker.io": ["auth.docker.io"],
  "registry-1.docker.io": ["auth.docker.io"],
  "index.docker.io": ["auth.docker.io"],
};

/**
 * Where the registry wants credentials sent (its Bearer token realm), refused unless the realm is on
 * the registry's own host and port (or a known pair such as Docker Hub's), or an admin's allow-list
 * entry names it. Never sends anything to the realm itself.
 */
async function checkRealm(base: URL, realm: string, who: EgressSubject): Promise<URL> {
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw new RegistryUnreachable(`${base.host} names an invalid token realm`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new RegistryUnreachable(`${base.host}: ${EGRESS_REFUSED}`);
  const sameHost = url.host === base.host || (KNOWN_REALM_HOSTS[base.hostname] ?? []).includes(url.host);
  if (!sameHost && !who.admin) {
    const list = await allowList();
    const address = await resolveEgress(
      url.hostname,
      Number(url.port) || defaultPort(url.protocol),
      who,
    ).catch(() => "");
    if (!address || !allowedByList(address, Number(url.port) || defaultPort(url.protocol), list))
      throw new RegistryUnreachable(`the token realm of ${base.host}: ${EGRESS_REFUSED}`);
  }
  return url;
}

/** GET /v2/ and, when the registry asks for Bearer tokens, the realm it names (checked). */
async function challengeOf(
  base: URL,
  who: EgressSubject,
): Promise<{ open: true } | { open: false; realm?: URL; service?: string }> {
  const first = await get(new URL("/v2/", base), who);
  if (first.status >= 200 && first.status < 300) return { open: true };
  if (first.status !== 401) throw new RegistryUnreachable(unreachable(base.host));
  const challenge = parseChallenge(String(first.headers["www-authenticate"] ?? ""));
  if (challenge.scheme !== "bearer" || !challenge.params.realm) return { open: false };
  return {
    open: false,
    realm: await checkRealm(base, challenge.params.realm, who),
    service: challenge.params.service,
  };
}

/**
 * Before the ENGINE is handed credentials for a registry (push, pull), asks the registry where it
 * would send them and refuses a realm the policy does not allow. The engine's own requests cannot be
 * checked one by one; this catches a registry that names a foreign realm (see docs/security.md).
 */
export async function checkRegistryEgress(url: string, who: EgressSubject): Promise<void> {
  await challengeOf(new URL(registryBaseUrl(url).base), who);
}

/**
 * Logs in the way `docker login` does: GET /v2/, then either HTTP Basic on /v2/ or the Bearer token
 * flow against the realm the registry names (once the policy allows it). Resolves when the registry
 * accepts the credentials.
 */
export async function checkRegistryLogin(
  url: string,
  username: string,
  password: string,
  who: EgressSubject,
): Promise<void> {
  const { base, host } = registryBaseUrl(url);
  const baseUrl = new URL(base);
  const challenge = await challengeOf(baseUrl, who);
  if (challenge.open) return; // an open registry: nothing to check
  const basic = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  let res: EgressResponse;
  if (challenge.realm) {
    const realm = challenge.realm;
    if (challenge.service) realm.searchParams.set("service", challenge.service);
    realm.searchParams.set("account", username);
    res = await get(realm, who, { authorization: basic });
  } else {
    res = await get(new URL("/v2/", baseUrl), who, { authorization: basic });
  }
  if (res.status === 401 || res.status === 403)
    throw new RegistryRefused(
      `the registry ${host} refused the credentials for user "${username}" (HTTP ${res.status})`,
    );
  if (res.status < 200 || res.status >= 300)
    throw new RegistryUnreachable(`login to ${host} failed with HTTP ${res.status}`);
}
