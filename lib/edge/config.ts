// Caddy's JSON config, computed from Wharf's routes alone (a pure function): the same routes always give the
// same document, so comparing it with what Caddy holds (GET /config/) says whether to load it again. Every
// string taken from a route has passed lib/validations/domain.ts; placeholders in here are our own.

import { accessLogging, serverLogs } from "./access-log";

export type EdgeRoute = {
  host: string;
  /** "/" or "/a/b" (canonical, no trailing slash). */
  pathPrefix: string;
  /** host:port of each running replica; none: the route answers 503. */
  upstreams: string[];
  redirectHttps: boolean;
  /** Basic auth in front of the route: the user name and the password's bcrypt hash (never the password). */
  basicAuth?: { username: string; hash: string };
};

export type EdgeSettings = {
  /** host:port the admin API listens on: loaded with every config, or a load would move it to Caddy's default. */
  adminListen: string;
  httpPort: number;
  httpsPort: number;
  /** With an address, ACME is tried first and the internal CA is the fallback; without, internal CA only. */
  acmeEmail?: string;
  /** A file Caddy writes its JSON access log to, read back for the traffic figures (lib/edge/access-log.ts). */
  accessLog?: string;
  /** Hours the internal CA's leaf certificates last (Caddy's default: 12). */
  internalCertHours?: number;
};

/** A custom domain waiting for proof of control: the HTTP server answers its challenge path with the token. */
export type EdgeChallenge = { host: string; id: string; token: string };

const HTTPS_SERVER = "wharf-https";
const HTTP_SERVER = "wharf-http";

/** Most specific first: Caddy runs the first matching route. */
function ordered(routes: EdgeRoute[]): EdgeRoute[] {
  return [...routes].sort(
    (a, b) =>
      a.host.localeCompare(b.host) ||
      b.pathPrefix.length - a.pathPrefix.length ||
      a.pathPrefix.localeCompare(b.pathPrefix),
  );
}

const pathMatch = (prefix: string) => (prefix === "/" ? ["/*"] : [prefix, `${prefix}/*`]);

/** Caddy's http_basic (2.6 takes bcrypt, base64-encoded); the hash cache spares a bcrypt per request. */
function basicAuth(auth: NonNullable<EdgeRoute["basicAuth"]>) {
  return {
    handler: "authentication",
    providers: {
      http_basic: {
        hash: { algorithm: "bcrypt" },
        hash_cache: {},
        accounts: [{ username: auth.username, password: Buffer.from(auth.hash).toString("base64") }],
      },
    },
  };
}

function proxy(route: EdgeRoute) {
  const handle =
    route.upstreams.length > 0
      ? {
          handler: "reverse_proxy",
          upstreams: [...route.upstreams].sort().map((dial) => ({ dial })),
          // Several replicas: a failed one is skipped for a while instead of failing every other request.
          health_checks: { passive: { fail_duration: "10s" } },
        }
      : { handler: "static_response", status_code: 503, body: "No replica of this service is running." };
  return {
    match: [{ host: [route.host], path: pathMatch(route.pathPrefix) }],
    handle: route.basicAuth ? [basicAuth(route.basicAuth), handle] : [handle],
    terminal: true,
  };
}

function redirect(route: EdgeRoute, httpsPort: number) {
  const port = httpsPort === 443 ? "" : `:${httpsPort}`;
  return {
    match: [{ host: [route.host], path: pathMatch(route.pathPrefix) }],
    handle: [
      {
        handler: "static_response",
        status_code: 308,
        headers: { Location: [`https://{http.request.host}${port}{http.request.uri}`] },
      },
    ],
    terminal: true,
  };
}

/** Plain HTTP only, so no certificate is asked for a name that is not proven (lib/edge/challenge.ts). */
const challengeRoute = (c: EdgeChallenge) => ({
  match: [{ host: [c.host], path: [`/.well-known/wharf-challenge/${c.id}`] }],
  handle: [
    {
      handler: "static_response",
      status_code: 200,
      headers: { "Content-Type": ["text/plain"] },
      body: c.token,
    },
  ],
  terminal: true,
});

export function caddyConfig(routes: EdgeRoute[], s: EdgeSettings, challenges: EdgeChallenge[] = []) {
  const sorted = ordered(routes);
  const hosts = [...new Set(sorted.map((r) => r.host))].sort();
  const internal = {
    module: "internal",
    ...(s.internalCertHours ? { lifetime: `${s.internalCertHours}h` } : {}),
  };
  const issuers = [...(s.acmeEmail ? [{ module: "acme", email: s.acmeEmail }] : []), internal];
  // Access logging (traffic figures) is a hook of its own: lib/edge/access-log.ts.
  const logs = s.accessLog ? { logs: serverLogs } : {};
  return {
    admin: { listen: s.adminListen },
    ...(s.accessLog ? { logging: accessLogging(s.accessLog) } : {}),
    apps: {
      http: {
        http_port: s.httpPort,
        https_port: s.httpsPort,
        servers: {
          [HTTPS_SERVER]: {
            listen: [`:${s.httpsPort}`],
            // Redirects are per route (redirectHttps), in the HTTP server below.
            automatic_https: { disable_redirects: true },
            routes: sorted.map(proxy),
            ...logs,
          },
          [HTTP_SERVER]: {
            listen: [`:${s.httpPort}`],
            automatic_https: { disable: true },
            routes: [
              ...challenges.map(challengeRoute),
              ...sorted.map((r) => (r.redirectHttps ? redirect(r, s.httpsPort) : proxy(r))),
            ],
            ...logs,
          },
        },
      },
      tls: {
        automation: {
          policies: hosts.length > 0 ? [{ subjects: hosts, issuers }] : [{ issuers }],
        },
      },
      // Never touch this machine's trust store: who trusts the internal CA is the operator's choice.
      pki: { certificate_authorities: { local: { install_trust: false } } },
    },
  };
}

export type CaddyConfig = ReturnType<typeof caddyConfig>;

/** JSON with object keys sorted, so two equal configs compare equal whatever order Caddy returns keys in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
