/** A tiny HTTP client for integration tests: keeps the session cookie and sends our own Origin, like the browser does. */
export class ApiClient {
  cookie = "";
  token = "";
  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    /** Where `path` is served: the API, or "" for the root routes (GET /metrics). */
    base = "/api/v1",
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const h: Record<string, string> = { origin: this.baseUrl, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (body !== undefined && typeof body !== "string") h["content-type"] ??= "application/json";
    const res = await fetch(`${this.baseUrl}${base}${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0];
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get = (path: string, headers?: Record<string, string>) => this.request("GET", path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request("POST", path, body ?? {}, headers);
  patch = (path: string, body: unknown) => this.request("PATCH", path, body);
  put = (path: string, body: unknown) => this.request("PUT", path, body);
  delete = (path: string) => this.request("DELETE", path);

  async login(email: string, password: string) {
    const res = await this.post("/session", { email, password });
    if (res.status !== 200)
      throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return this;
  }
}

/** Creates a user as admin, signs them in with the one-time password, changes it, and returns their client. */
export async function createUserClient(
  admin: ApiClient,
  email: string,
  opts: { globalRole?: string; memberships?: { tenantId: string; role: string }[] } = {},
) {
  const res = await admin.post("/users", {
    email,
    globalRole: opts.globalRole ?? "none",
    memberships: opts.memberships ?? [],
  });
  if (res.status !== 201) throw new Error(`create user failed: ${res.status} ${JSON.stringify(res.body)}`);
  const oneTimePassword = res.body.oneTimePassword as string;
  const client = await new ApiClient(admin.baseUrl).login(email, oneTimePassword);
  // A one-time password allows nothing but changing it, so the user does that first, as in the UI.
  const password = `${oneTimePassword}-chosen`;
  const changed = await client.post("/me/password", {
    currentPassword: oneTimePassword,
    newPassword: password,
  });
  if (changed.status !== 200)
    throw new Error(`password change failed: ${changed.status} ${JSON.stringify(changed.body)}`);
  return { client, user: res.body.user as { id: string; email: string }, password, oneTimePassword };
}

/** A user who holds `role` in one tenant, signed in (createUserClient); their client. */
export async function memberClient(
  admin: ApiClient,
  email: string,
  tenantId: string,
  role: "owner" | "developer" | "viewer",
): Promise<ApiClient> {
  return (await createUserClient(admin, email, { memberships: [{ tenantId, role }] })).client;
}

/** The audit log's events whose action starts with `prefix`, as `action:outcome` (read by an admin). */
export async function auditOutcomes(admin: ApiClient, prefix: string): Promise<string[]> {
  const items: { action: string; outcome: string }[] = (await admin.get(`/audit?action=${prefix}`)).body
    .items;
  return items.map((e) => `${e.action}:${e.outcome}`);
}

/** What every ApiClient call resolves to. */
export type ApiResponse = Awaited<ReturnType<ApiClient["request"]>>;
