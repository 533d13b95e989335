// How a compose name appears inside engine names. Pure (no node:crypto): the editor's parse runs in the browser.
import { COMPOSE_NAME_RE, NAME_RE } from "../validations/compose-limits";

/** Swarm service names are DNS name components (letters, digits, "-" and "_" inside, no "."), unique whatever the case. */
export const SWARM_SAFE_RE = /^[a-z0-9]+(?:[-_]+[a-z0-9]+)*$/;

/** FNV-1a, 32 bits: tells the written forms apart; a clash is refused at parse time (normalize.ts), never merged. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * A compose name as it appears in engine names. A name the `safe` rule accepts (by default the lowercase names Wharf
 * always used unchanged, so deployed apps keep their objects) stays as written; any other spec-valid name (n8n's
 * `initContainer`) becomes its lowercase form plus a hash of the name as written, so `Web` and `web` never meet
 * where the engine or DNS ignores case.
 */
export function engineToken(name: string, safe: RegExp = NAME_RE): string {
  if (safe.test(name)) return name;
  if (!COMPOSE_NAME_RE.test(name)) throw new Error(`invalid object name "${name}"`);
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base ? `${base}-${fnv1a(name)}` : `x${fnv1a(name)}`;
}
