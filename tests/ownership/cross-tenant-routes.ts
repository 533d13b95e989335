// The table the cross-tenant property test replays: for every operation of the OpenAPI document, either a
// request that names tenant B's objects (ids, names, image references) or the reason it cannot name any.
// A new route fails the test until it is added here.

/** B's objects (and A's own, for requests that name B's image inside A's own app or project). */
export type Objects = {
  tenantId: string;
  projectId: string;
  projectGone: string;
  appId: string;
  appGone: string;
  buildId: string;
  buildRunning: string;
  registryId: string;
  alertRuleId: string;
  alertChannelId: string;
  containerId: string;
  tokenId: string;
  /** A user in no tenant, for membership requests. */
  spareUserId: string;
  image: string;
  imageId: string;
  hostId: string;
  registry: { url: string; username: string; password: string };
};

export type Case = {
  path: (o: Objects) => string;
  body?: (o: Objects) => unknown;
  /** Streams: only the status is read. */
  stream?: boolean;
  /** Destructive for B: replayed after every other case. */
  last?: boolean;
  /** B's owner cannot get a 2xx here for a reason outside authorization; the status it gets instead, and why. */
  ownerExpect?: { status: number; why: string };
};

const inline = (o: Objects, from = "wharf-busybox:latest") => ({
  projectId: o.projectId,
  hostId: o.hostId,
  sourceType: "inline",
  inline: { dockerfile: `FROM ${from}\nRUN true\n` },
});
const imageSource = (image: string) => ({
  type: "compose",
  compose: `services:\n  app:\n    image: ${image}\n    command: ["sleep", "3600"]\n`,
});

export const crossTenantCases: Record<string, Case> = {
  "get /apps/{id}": { path: (o) => `/apps/${o.appId}` },
  "delete /apps/{id}": { path: (o) => `/apps/${o.appGone}`, last: true },
  "get /apps/{id}/logs": { path: (o) => `/apps/${o.appId}/logs?tail=1`, stream: true },
  "get /apps/{id}/compose": { path: (o) => `/apps/${o.appId}/compose` },
  "get /apps/{id}/last-deploy": { path: (o) => `/apps/${o.appId}/last-deploy` },
  "get /apps/{id}/deploy-progress": { path: (o) => `/apps/${o.appId}/deploy-progress` },
  "get /events": { path: (o) => `/events?tenantId=${o.tenantId}` },
  "get /apps/{id}/revisions": { path: (o) => `/apps/${o.appId}/revisions` },
  "get /apps/{id}/revisions/{number}": { path: (o) => `/apps/${o.appId}/revisions/1` },
  "get /apps/{id}/revisions/{number}/diff": { path: (o) => `/apps/${o.appId}/revisions/1/diff` },
  "post /apps/{id}/plan": { path: (o) => `/apps/${o.appId}/plan`, body: () => ({}) },
  "post /apps/{id}/deploy": { path: (o) => `/apps/${o.appId}/deploy`, body: () => ({}) },
  "post /apps/{id}/scale": {
    path: (o) => `/apps/${o.appId}/scale`,
    body: () => ({ service: "app", replicas: 1 }),
  },
  "post /apps/{id}/scale/plan": {
    path: (o) => `/apps/${o.appId}/scale/plan`,
    body: () => ({ services: { app: 1 } }),
  },
  "post /apps/{id}/services/{service}/restart": {
    path: (o) => `/apps/${o.appId}/services/app/restart`,
    body: () => ({}),
  },
  "get /apps/{id}/variables": { path: (o) => `/apps/${o.appId}/variables` },
  "put /apps/{id}/variables": {
    path: (o) => `/apps/${o.appId}/variables`,
    body: () => ({ variables: [{ name: "FROM_A", value: "a" }] }),
  },
  "patch /apps/{id}/variables": {
    path: (o) => `/apps/${o.appId}/variables`,
    body: () => ({ variables: [{ name: "FROM_A", value: "a" }] }),
  },
  "post /apps/{id}/rollback": { path: (o) => `/apps/${o.appId}/rollback`, body: () => ({ revision: 1 }) },
  "patch /apps/{id}/services/{service}": {
    path: (o) => `/apps/${o.appId}/services/app`,
    body: () => ({ restart: "unless-stopped" }),
  },
  "post /apps/{id}/stop": { path: (o) => `/apps/${o.appId}/stop`, body: () => ({}) },
  "post /apps/{id}/start": { path: (o) => `/apps/${o.appId}/start`, body: () => ({}) },
  "post /apps/{id}/restart": { path: (o) => `/apps/${o.appId}/restart`, body: () => ({}) },
  "get /builds": { path: (o) => `/builds?projectId=${o.projectId}` },
  "post /builds": { path: () => "/builds", body: (o) => inline(o) },
  "get /builds/{id}": { path: (o) => `/builds/${o.buildId}` },
  "get /builds/{id}/log": { path: (o) => `/builds/${o.buildId}/log`, stream: true },
  "post /builds/{id}/cancel": { path: (o) => `/builds/${o.buildRunning}/cancel`, body: () => ({}) },
  "post /builds/{id}/push": {
    path: (o) => `/builds/${o.buildId}/push`,
    body: (o) => ({ registryId: o.registryId }),
  },
  "post /builds/{id}/app": {
    path: (o) => `/builds/${o.buildId}/app`,
    body: (o) => ({ projectId: o.projectId, name: "from-build" }),
  },
  "get /registries": { path: (o) => `/registries?tenantId=${o.tenantId}` },
  "post /registries": {
    path: () => "/registries",
    body: (o) => ({ tenantId: o.tenantId, name: "second", ...o.registry }),
  },
  "patch /registries/{id}": { path: (o) => `/registries/${o.registryId}`, body: () => ({ name: "renamed" }) },
  "delete /registries/{id}": { path: (o) => `/registries/${o.registryId}`, last: true },
  "get /alert-rules": { path: (o) => `/alert-rules?tenantId=${o.tenantId}` },
  "post /alert-rules": {
    path: () => "/alert-rules",
    body: (o) => ({ tenantId: o.tenantId, name: "second", kind: "exited", channelIds: [o.alertChannelId] }),
  },
  "patch /alert-rules/{id}": { path: (o) => `/alert-rules/${o.alertRuleId}`, body: () => ({ threshold: 5 }) },
  "post /alert-rules/{id}/silence": {
    path: (o) => `/alert-rules/${o.alertRuleId}/silence`,
    body: () => ({ until: null }),
  },
  "delete /alert-rules/{id}": { path: (o) => `/alert-rules/${o.alertRuleId}`, last: true },
  "get /alert-channels": { path: (o) => `/alert-channels?tenantId=${o.tenantId}` },
  "post /alert-channels": {
    path: () => "/alert-channels",
    body: (o) => ({
      tenantId: o.tenantId,
      name: "second",
      config: { kind: "slack", url: `${o.registry.url}/hook` },
    }),
  },
  "patch /alert-channels/{id}": {
    path: (o) => `/alert-channels/${o.alertChannelId}`,
    body: () => ({ name: "x" }),
  },
  "post /alert-channels/{id}/test": { path: (o) => `/alert-channels/${o.alertChannelId}/test` },
  "delete /alert-channels/{id}": { path: (o) => `/alert-channels/${o.alertChannelId}`, last: true },
  "get /alerts": { path: (o) => `/alerts?tenantId=${o.tenantId}` },
  // No alert fires in B during this test: tests/alerts/alerts.int.test.ts replays these on a real one.
  "get /alerts/{id}": {
    path: () => "/alerts/none",
    ownerExpect: { status: 404, why: "no alert fired here; B's real alert: tests/alerts/alerts.int.test.ts" },
  },
  "post /alerts/{id}/acknowledge": {
    path: () => "/alerts/none/acknowledge",
    ownerExpect: { status: 404, why: "as GET /alerts/{id}" },
  },
  "post /alerts/{id}/silence": {
    path: () => "/alerts/none/silence",
    body: () => ({ until: null }),
    ownerExpect: { status: 404, why: "as GET /alerts/{id}" },
  },
  "get /hooks/{appId}": { path: (o) => `/hooks/${o.appId}` },
  "put /hooks/{appId}": {
    path: (o) => `/hooks/${o.appId}`,
    body: () => ({ git: { url: "https://127.0.0.1:1/none.git" } }),
    ownerExpect: {
      status: 422,
      why: "no git server a non-admin may use runs here: the 422 names git.url, after authorization passed",
    },
  },
  "delete /hooks/{appId}": { path: (o) => `/hooks/${o.appId}` },
  "get /projects": { path: (o) => `/projects?tenantId=${o.tenantId}` },
  "post /projects": { path: () => "/projects", body: (o) => ({ tenantId: o.tenantId, name: "Second" }) },
  "get /projects/{id}": { path: (o) => `/projects/${o.projectId}` },
  "patch /projects/{id}": { path: (o) => `/projects/${o.projectId}`, body: () => ({ name: "Shop" }) },
  "delete /projects/{id}": { path: (o) => `/projects/${o.projectGone}`, last: true },
  "get /projects/{id}/apps": { path: (o) => `/projects/${o.projectId}/apps` },
  "post /projects/{id}/apps": {
    path: (o) => `/projects/${o.projectId}/apps`,
    body: (o) => ({ name: "another", hostId: o.hostId, mode: "standalone" }),
  },
  "post /projects/{id}/archives": {
    path: (o) => `/projects/${o.projectId}/archives`,
    body: () => ({}),
    ownerExpect: {
      status: 422,
      why: "the upload is multipart/form-data: a JSON body is refused naming `body`, after authorization passed (tests/compose/archive.int.test.ts uploads)",
    },
  },
  "get /apps/{id}/domains": { path: (o) => `/apps/${o.appId}/domains` },
  "get /apps/{id}/traffic": { path: (o) => `/apps/${o.appId}/traffic` },
  "get /apps/{id}/previews": { path: (o) => `/apps/${o.appId}/previews` },
  "put /apps/{id}/previews": {
    path: (o) => `/apps/${o.appId}/previews`,
    body: () => ({ enabled: true }),
    ownerExpect: { status: 422, why: "B's app is not deployed from a repository: refused naming `enabled`" },
  },
  "delete /apps/{id}/previews/{number}": {
    path: (o) => `/apps/${o.appId}/previews/1`,
    ownerExpect: { status: 404, why: "B's app has no preview: looked up after the app's rights" },
  },
  "post /apps/{id}/previews/{number}/approve": {
    path: (o) => `/apps/${o.appId}/previews/1/approve`,
    ownerExpect: { status: 404, why: "B's app has no preview: looked up after the app's rights" },
  },
  "post /apps/{id}/domains": {
    path: (o) => `/apps/${o.appId}/domains`,
    body: () => ({ host: "web.other.apps.test", service: "app", port: 8080 }),
    ownerExpect: {
      status: 409,
      why: "this test server has no edge proxy (WHARF_EDGE_ADMIN_URL): 409 after authorization passed (tests/domains/routing.int.test.ts attaches)",
    },
  },
  "delete /apps/{id}/domains/{domainId}": {
    path: (o) => `/apps/${o.appId}/domains/x`,
    ownerExpect: {
      status: 404,
      why: "B's app has no domain: the domain is looked up after the app's rights",
    },
  },
  "patch /apps/{id}/domains/{domainId}": {
    path: (o) => `/apps/${o.appId}/domains/x`,
    body: () => ({ basicAuth: null }),
    ownerExpect: {
      status: 404,
      why: "B's app has no domain: the domain is looked up after the app's rights",
    },
  },
  "post /apps/{id}/domains/{domainId}/verify": {
    path: (o) => `/apps/${o.appId}/domains/x/verify`,
    ownerExpect: {
      status: 404,
      why: "B's app has no domain: the domain is looked up after the app's rights",
    },
  },
  "get /tenants/{id}/edge": { path: (o) => `/tenants/${o.tenantId}/edge` },
  "get /tenants/{id}": { path: (o) => `/tenants/${o.tenantId}` },
  "get /tenants/{id}/members": { path: (o) => `/tenants/${o.tenantId}/members` },
  "get /tenants/{id}/shared-objects": { path: (o) => `/tenants/${o.tenantId}/shared-objects` },
  "post /tenants/{id}/members": {
    path: (o) => `/tenants/${o.tenantId}/members`,
    body: (o) => ({ userId: o.spareUserId, role: "viewer" }),
  },
  "get /containers/{id}": { path: (o) => `/containers/${o.containerId}` },
  "delete /containers/{id}": { path: (o) => `/containers/${o.containerId}?force=true`, last: true },
  "get /containers/{id}/logs": { path: (o) => `/containers/${o.containerId}/logs?tail=1`, stream: true },
  "get /containers/{id}/metrics": { path: (o) => `/containers/${o.containerId}/metrics?range=1h` },
  "get /apps/{id}/metrics": { path: (o) => `/apps/${o.appId}/metrics?range=24h` },
  "get /apps/{id}/services/{service}/metrics": {
    path: (o) => `/apps/${o.appId}/services/app/metrics?range=1h`,
  },
  "get /tenants/{id}/metrics": { path: (o) => `/tenants/${o.tenantId}/metrics?range=7d` },
  "get /containers/{id}/stats": { path: (o) => `/containers/${o.containerId}/stats?stream=false` },
  "post /containers/{id}/stop": { path: (o) => `/containers/${o.containerId}/stop`, body: () => ({}) },
  "post /containers/{id}/start": { path: (o) => `/containers/${o.containerId}/start`, body: () => ({}) },
  "post /containers/{id}/restart": { path: (o) => `/containers/${o.containerId}/restart`, body: () => ({}) },
  "post /containers/{id}/kill": { path: (o) => `/containers/${o.containerId}/kill`, body: () => ({}) },
  "delete /tokens/{id}": { path: (o) => `/tokens/${o.tokenId}`, last: true },
};

/**
 * Requests that name B's image inside A's own objects (A's project, A's app): the owner's twin names B's
 * image inside B's own objects. `own` is the object of whoever makes the request.
 */
export const imageCases: Record<string, (own: Objects, image: string) => { path: string; body: unknown }> = {
  "post /projects/{id}/apps": (own, image) => ({
    path: `/projects/${own.projectId}/apps`,
    body: {
      name: `img-${Math.random().toString(36).slice(2, 8)}`,
      hostId: own.hostId,
      source: imageSource(image),
    },
  }),
  "post /apps/{id}/plan": (own, image) => ({
    path: `/apps/${own.appId}/plan`,
    body: { source: imageSource(image) },
  }),
  "post /apps/{id}/deploy": (own, image) => ({
    path: `/apps/${own.appId}/deploy`,
    body: { source: imageSource(image) },
  }),
  "patch /apps/{id}/services/{service}": (own, image) => ({
    path: `/apps/${own.appId}/services/app`,
    body: { image },
  }),
  "post /builds": (own, image) => ({ path: "/builds", body: inline(own, image) }),
};

/** Operations that cannot name another tenant's object, each with the reason. */
export const notTenantScoped: Record<string, string> = {
  "post /session": "signs in: names no object",
  "delete /session": "signs the caller out",
  "get /me": "the caller",
  "post /me/password": "the caller's own password",
  "get /tokens": "the caller's own tokens only",
  "post /tokens": "creates a token for the caller",
  "get /openapi.json": "the document itself",
  "get /ready": "public readiness for load balancers: names nothing, says only ready or not",
  "get /apps": "lists what the caller may see; takes no tenant or project parameter",
  "get /apps/sample": "the bundled sample compose file",
  "get /images/shared": "the admin-shared list, the same for everyone",
  "get /templates": "the template catalogue, the same for everyone",
  "get /templates/{id}": "one template of the catalogue, the same for everyone",
  "get /tenants": "lists the caller's tenants only; takes no parameter",
  "get /notifications": "the caller's own notifications, of alerts it may still see",
  "get /notifications/unread": "the caller's own count",
  "post /notifications/read": "marks the caller's own notifications only (another's ids match nothing)",
  "get /notifications/preferences": "the caller's own preferences",
  "put /notifications/preferences": "the caller's own preferences",
  "get /counters": "counts what the caller may see (fleet cache); takes no tenant parameter",
  "get /stream": "pushes what the caller may see (fleet cache); takes no tenant parameter",
  "get /containers":
    "lists what the caller may see; a `tenant` filter naming another tenant only narrows that list (checked: nothing of B's)",
  "post /hooks/{appId}":
    "public: authenticated by the app's webhook signature, not by membership (tests/builds/webhook.int.test.ts)",
  "get /hosts":
    "hosts are shared by grant, not owned by a tenant: a member sees the hosts granted to its tenants, and only its own tenants among their grants (checked below)",
  "get /hosts/{id}": "as GET /hosts (checked below)",
  "get /settings/volume-drivers": "the installation's volume-driver allow-list, the same for every tenant",
  "get /hosts/{id}/publishing":
    "a host's port range, readable where the host is, like GET /hosts/{id} (tests/edge/host-policy.int.test.ts)",
  "post /containers/actions":
    "names no object in its path: each id is authorized in its own row like POST /containers/{id}/{action}, B's answer 404 there and are not touched (tests/ops/containers-bulk.int.test.ts)",
  "get /containers/{id}/exec":
    "a WebSocket upgrade; refused per container like the other container routes (tests/ops/exec-access.int.test.ts)",
};

/** Admin- or ops-only operations: a tenant member is refused (403) whatever it names; checked for A's owner. */
export const staffOnly: Record<string, (o: Objects) => { path: string; body?: unknown; base?: string }> = {
  "get /metrics": () => ({ path: "/metrics", base: "" }),
  "get /audit": (o) => ({ path: `/audit?tenantId=${o.tenantId}` }),
  "get /users": () => ({ path: "/users" }),
  "post /users": () => ({ path: "/users", body: {} }),
  "get /users/{id}": () => ({ path: "/users/x" }),
  "patch /users/{id}": () => ({ path: "/users/x", body: {} }),
  "post /tenants": () => ({ path: "/tenants", body: {} }),
  "patch /tenants/{id}": (o) => ({ path: `/tenants/${o.tenantId}`, body: {} }),
  "delete /tenants/{id}": (o) => ({ path: `/tenants/${o.tenantId}` }),
  "put /tenants/{id}/edge": (o) => ({
    path: `/tenants/${o.tenantId}/edge`,
    body: { baseDomains: ["a.apps.test"], customDomains: true },
  }),
  "post /apps/{id}/domains/{domainId}/approve": (o) => ({ path: `/apps/${o.appId}/domains/x/approve` }),
  "post /hosts": () => ({ path: "/hosts", body: {} }),
  "post /hosts/bulk": () => ({ path: "/hosts/bulk", body: {} }),
  "patch /hosts/{id}": (o) => ({ path: `/hosts/${o.hostId}`, body: {} }),
  "delete /hosts/{id}": (o) => ({ path: `/hosts/${o.hostId}` }),
  "put /hosts/{id}/grants": (o) => ({ path: `/hosts/${o.hostId}/grants`, body: {} }),
  "get /hosts/{id}/df": (o) => ({ path: `/hosts/${o.hostId}/df` }),
  "get /hosts/{id}/figures": (o) => ({ path: `/hosts/${o.hostId}/figures` }),
  "get /hosts/{id}/events": (o) => ({ path: `/hosts/${o.hostId}/events` }),
  "get /hosts/{id}/images": (o) => ({ path: `/hosts/${o.hostId}/images` }),
  "delete /hosts/{id}/images/{imageId}": (o) => ({ path: `/hosts/${o.hostId}/images/${o.imageId}` }),
  "post /hosts/{id}/images/prune": (o) => ({ path: `/hosts/${o.hostId}/images/prune`, body: {} }),
  "get /hosts/{id}/networks": (o) => ({ path: `/hosts/${o.hostId}/networks` }),
  "get /hosts/{id}/volumes": (o) => ({ path: `/hosts/${o.hostId}/volumes` }),
  "get /swarm/nodes": () => ({ path: "/swarm/nodes" }),
  "get /swarm/nodes/{id}": () => ({ path: "/swarm/nodes/x" }),
  "patch /swarm/nodes/{id}": () => ({ path: "/swarm/nodes/x", body: {} }),
  "get /cluster/health": () => ({ path: "/cluster/health" }),
  "get /cluster/metrics": () => ({ path: "/cluster/metrics?range=1h" }),
  "get /hosts/{id}/metrics": (o) => ({ path: `/hosts/${o.hostId}/metrics?range=1h` }),
  "post /images/shared": (o) => ({ path: "/images/shared", body: { reference: o.image } }),
  "delete /images/shared/{id}": () => ({ path: "/images/shared/x" }),
  "post /tenants/{id}/shared-objects": (o) => ({
    path: `/tenants/${o.tenantId}/shared-objects`,
    body: { kind: "network", hostId: o.hostId, name: "bridge" },
  }),
  "delete /tenants/{id}/shared-objects/{shareId}": (o) => ({
    path: `/tenants/${o.tenantId}/shared-objects/x`,
  }),
  "post /templates": () => ({ path: "/templates", body: {} }),
  "patch /templates/{id}": () => ({ path: "/templates/x", body: {} }),
  "delete /templates/{id}": () => ({ path: "/templates/x" }),
  "get /egress/allow": () => ({ path: "/egress/allow" }),
  "post /egress/allow": () => ({ path: "/egress/allow", body: { entry: "10.0.0.0/8" } }),
  "delete /egress/allow/{id}": () => ({ path: "/egress/allow/x" }),
  "put /settings/volume-drivers": () => ({ path: "/settings/volume-drivers", body: { drivers: [] } }),
  "put /hosts/{id}/publishing": (o) => ({ path: `/hosts/${o.hostId}/publishing`, body: {} }),
  "get /admin/backup": () => ({ path: "/admin/backup" }),
};
