/** Keys whose values are treated as secrets wherever the UI or API shows configuration. */
export const SECRET_KEY = /pass|secret|token|key|credential|auth/i;
export const MASK = "••••••";

/** "NAME=value" → masked value when NAME looks secret. */
export function maskEnvEntry(entry: string): string {
  const eq = entry.indexOf("=");
  if (eq < 0) return entry;
  return SECRET_KEY.test(entry.slice(0, eq)) ? `${entry.slice(0, eq)}=${MASK}` : entry;
}

/** A copy of an inspect document with secret-looking env values and labels masked. */
export function maskInspect<
  T extends { Config?: { Env?: string[] | null; Labels?: Record<string, string> | null } | null },
>(raw: T): T {
  const copy = structuredClone(raw);
  if (copy.Config?.Env) copy.Config.Env = copy.Config.Env.map(maskEnvEntry);
  if (copy.Config?.Labels)
    for (const k of Object.keys(copy.Config.Labels)) if (SECRET_KEY.test(k)) copy.Config.Labels[k] = MASK;
  return copy;
}
