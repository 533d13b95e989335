// A parsed compose value before normalization: the JSON schema has vouched for its shape, and these guards (not
// casts) let TypeScript see it.

/** A mapping, as YAML or JSON parses it. */
export type Raw = Record<string, unknown>;

/** Whether a parsed value is a mapping (not null, not a list). */
export const isRaw = (v: unknown): v is Raw => v !== null && typeof v === "object" && !Array.isArray(v);
/** A mapping the schema allowed, as a record; anything else (absent, null) as undefined. */
export const rawOf = (v: unknown): Raw | undefined => (isRaw(v) ? v : undefined);
/** A list the schema allowed; anything else (absent) as empty. */
export const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
