// The limits and name rules of an app spec: the compose parser enforces them and the API's input schemas and
// forms share them.
/**
 * Names Wharf used unchanged in engine names before it took the whole spec's rule: Docker-safe, lowercase, short
 * enough for DNS. Other spec-valid names are mapped (lib/compose/names.ts `engineToken`).
 */
export const NAME_RE = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
/**
 * The Compose Specification's rule for service, network, volume, secret and config names (`^[a-zA-Z0-9._-]+$`);
 * 255 bounds what reaches labels and URLs.
 */
export const COMPOSE_NAME_RE = /^[a-zA-Z0-9._-]{1,255}$/;
/** Tenant, project and app slugs: no "_" or ".", so scoped names (joined with "_") never collide. */
export const APP_NAME_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const MAX_SERVICES = 200;
export const MAX_REPLICAS = 100;
/** Ports after range expansion, per service. */
export const MAX_PORTS_PER_SERVICE = 100;
/** Compose text larger than this is refused before parsing. */
export const MAX_COMPOSE_BYTES = 256 * 1024;

export const RESTART_POLICIES = ["no", "always", "on-failure", "unless-stopped"] as const;

/** Docker's rule for network and volume names (an external one, or one an admin shares). */
export const ENGINE_NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/;
