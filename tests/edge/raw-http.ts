// A raw HTTP request for edge tests: exact bytes, a declared length that need not match what is sent, an
// optional source address, and the status as soon as the headers arrive (streams are not read to the end).
import http from "node:http";

export type RawRequest = {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Content-Length to declare; with `body` shorter than this, only `body` is sent (the rest never is). */
  declaredLength?: number;
  /** Sent with Transfer-Encoding: chunked, `chunks` times `body`. */
  chunks?: number;
  localAddress?: string;
  timeoutMs?: number;
};

export type RawResponse = {
  status: number | "timeout" | "reset";
  body: string;
  headers: http.IncomingHttpHeaders;
};

export function rawRequest(baseUrl: string, r: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const done = (v: RawResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(v);
    };
    const body = r.body === undefined ? undefined : Buffer.from(r.body);
    const headers: Record<string, string> = { ...r.headers };
    if (r.chunks === undefined && (body || r.declaredLength !== undefined))
      headers["content-length"] = String(r.declaredLength ?? body!.length);
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: r.method,
      path: r.path,
      headers,
      localAddress: r.localAddress,
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy();
      done({ status: "timeout", body: "", headers: {} });
    }, r.timeoutMs ?? 30_000);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const type = String(res.headers["content-type"] ?? "");
      // Streams (SSE, NDJSON, follow) answer with headers first; their status is what counts.
      if (/event-stream|ndjson/.test(type) || res.headers["transfer-encoding"] === "chunked") {
        res.destroy();
        return done({ status: res.statusCode ?? 0, body: "", headers: res.headers });
      }
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size < 64 * 1024) chunks.push(c);
      });
      res.on("end", () =>
        done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }),
      );
      res.on("error", () => done({ status: res.statusCode ?? 0, body: "", headers: res.headers }));
    });
    // A server that answers early and closes may make our write fail just before its answer is read: wait for it.
    req.on("error", () => setTimeout(() => done({ status: "reset", body: "", headers: {} }), 1000));
    if (r.chunks !== undefined && body) {
      let n = 0;
      const write = () => {
        while (n < r.chunks! && !req.destroyed) {
          n++;
          if (!req.write(body)) return void req.once("drain", write);
        }
        req.end();
      };
      write();
    } else if (body) {
      req.write(body);
      if (r.declaredLength === undefined || r.declaredLength <= body.length) req.end();
      // else: the declared rest is never sent; only an early answer can come back.
    } else req.end();
  });
}
