import "server-only";
import { canonicalJson } from "./config";

// Caddy's admin API, the only way Wharf changes the proxy: GET /config/ reads what it runs, POST /load replaces
// it atomically (Caddy keeps the old config when the new one fails to load).

const TIMEOUT_MS = 10_000;

async function call(adminUrl: string, path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(`${adminUrl}${path}`, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new Error(`caddy admin ${path}: ${res.status} ${(await res.text()).slice(0, 500)}`);
  return res;
}

/** The config Caddy runs, as canonical JSON. */
export async function currentConfig(adminUrl: string): Promise<string> {
  const res = await call(adminUrl, "/config/");
  return canonicalJson(await res.json());
}

export async function loadConfig(adminUrl: string, config: unknown): Promise<void> {
  await call(adminUrl, "/load", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(config),
  });
}
