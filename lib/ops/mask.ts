// Container configuration as the UI and API show it, through the one secret model (lib/secrets/model.ts).
// Readers who cannot open a console in the container (viewers, ops) get every env value masked: a value
// a developer marked secret has an ordinary name, and the engine does not know the marks.
import { MASK, isSecretName, maskValue } from "@/lib/secrets/model";

export { MASK };

/** "NAME=value" → masked when NAME looks secret, URL passwords masked; every value masked with `all`. */
export function maskEnvEntry(entry: string, all = false): string {
  const eq = entry.indexOf("=");
  if (eq < 0) return entry;
  const name = entry.slice(0, eq);
  return `${name}=${all ? MASK : maskValue(name, entry.slice(eq + 1))}`;
}

/** A copy of an inspect document with secret env values and labels masked. */
export function maskInspect<
  T extends { Config?: { Env?: string[] | null; Labels?: Record<string, string> | null } | null },
>(raw: T, all = false): T {
  const copy = structuredClone(raw);
  if (copy.Config?.Env) copy.Config.Env = copy.Config.Env.map((e) => maskEnvEntry(e, all));
  if (copy.Config?.Labels)
    for (const k of Object.keys(copy.Config.Labels)) if (isSecretName(k)) copy.Config.Labels[k] = MASK;
  return copy;
}
