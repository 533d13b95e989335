// A lean loopback HTTP client for the bench: node:http with a keep-alive agent (fetch adds its own overhead to
// every measured request). Only 127.0.0.1 URLs are accepted: the bench never targets anything else.
import http from "node:http";

export type HttpResult = { status: number; body: string; ms: number };

export class LoopbackClient {
  readonly agent: http.Agent;
  private readonly url: URL;
  headers: Record<string, string> = {};

  constructor(baseUrl: string, maxSockets = 64) {
    this.url = new URL(baseUrl);
    if (this.url.hostname !== "127.0.0.1" || this.url.protocol !== "http:")
      throw new Error(`bench targets loopback only, not ${baseUrl}`);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request(
    method: string,
    path: string,
    body?: unknown,
    timeoutMs = 30_000,
    retry = true,
  ): Promise<HttpResult> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { origin: this.url.origin, ...this.headers };
    if (payload !== undefined)
      Object.assign(headers, {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(payload)),
      });
    return new Promise((resolve, reject) => {
      const t0 = performance.now();
      const req = http.request(
        {
          host: this.url.hostname,
          port: this.url.port,
          path: `/api/v1${path}`,
          method,
          headers,
          agent: this.agent,
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString("utf8"),
              ms: performance.now() - t0,
            }),
          );
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)));
      req.on("error", (err: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed (idle timeout) just as we reused it: retry once on a fresh one,
        // as browsers do (Node's documented `reusedSocket` pattern). Only for GET, which is idempotent.
        if (retry && method === "GET" && req.reusedSocket && err.code === "ECONNRESET")
          resolve(this.request(method, path, body, timeoutMs, false));
        else reject(err);
      });
      req.end(payload);
    });
  }

  async json<T>(method: string, path: string, body?: unknown, expect = [200, 201]): Promise<T> {
    const res = await this.request(method, path, body);
    if (!expect.includes(res.status))
      throw new Error(`${method} ${path}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
    return JSON.parse(res.body) as T;
  }

  close() {
    this.agent.destroy();
  }
}

/** Signs in as the admin (session cookie), then creates an API token: the bench's requests use Bearer, like a script would. */
export async function adminToken(baseUrl: string, email: string, password: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  const cookie = login.headers.get("set-cookie")?.split(";")[0];
  if (login.status !== 200 || !cookie)
    throw new Error(`login failed: HTTP ${login.status} ${(await login.text()).slice(0, 200)}`);
  const c = new LoopbackClient(baseUrl, 1);
  c.headers.cookie = cookie;
  try {
    return (await c.json<{ token: string }>("POST", "/tokens", { name: `scale-bench-${Date.now()}` })).token;
  } finally {
    c.close();
  }
}
