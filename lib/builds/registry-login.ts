import "server-only";

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

async function get(url: string, headers: Record<string, string> = {}) {
  try {
    return await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new RegistryUnreachable(
      `cannot reach the registry at ${new URL(url).host}: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
    );
  }
}

/**
 * Logs in the way `docker login` does: GET /v2/, then either HTTP Basic on /v2/ or the Bearer token
 * flow against the realm the registry names. Resolves when the registry accepts the credentials.
 */
export async function checkRegistryLogin(url: string, username: string, password: string): Promise<void> {
  const { base, host } = registryBaseUrl(url);
  const first = await get(`${base}/v2/`);
  if (first.ok) return; // an open registry: nothing to check
  if (first.status !== 401)
    throw new RegistryUnreachable(
      `${host} does not answer like a registry (GET /v2/ gave HTTP ${first.status})`,
    );
  const basic = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  const challenge = parseChallenge(first.headers.get("www-authenticate") ?? "");
  let res: Response;
  if (challenge.scheme === "bearer" && challenge.params.realm) {
    const realm = new URL(challenge.params.realm);
    if (challenge.params.service) realm.searchParams.set("service", challenge.params.service);
    realm.searchParams.set("account", username);
    res = await get(realm.toString(), { authorization: basic });
  } else {
    res = await get(`${base}/v2/`, { authorization: basic });
  }
  if (res.status === 401 || res.status === 403)
    throw new RegistryRefused(
      `the registry ${host} refused the credentials for user "${username}" (HTTP ${res.status})`,
    );
  if (!res.ok) throw new RegistryUnreachable(`login to ${host} failed with HTTP ${res.status}`);
}
