import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holdChunkedBody } from "./chunked-body";
import type { AddressInfo } from "node:net";

const LIMIT = 64 * 1024;
let server: http.Server;
let port = 0;
const routeSaw: number[] = [];

beforeAll(async () => {
  // A route that reads its body, behind the hold; over the limit it must never run.
  server = http.createServer((req, res) => {
    const route = () => {
      let n = 0;
      req.on("data", (c: Buffer) => (n += c.length));
      req.on("end", () => (routeSaw.push(n), res.end(`read ${n}`)));
    };
    holdChunkedBody(req, LIMIT, route, (drained) => {
      res.writeHead(413, { connection: "close" });
      res.end(drained ? "drained" : "cut");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

/** Sends `count` chunks of `size` bytes with Transfer-Encoding: chunked and Connection: close (no agent). */
function send(size: number, count: number): Promise<{ status: number | "reset"; body: string }> {
  return new Promise((resolve) => {
    const req = http.request({ port, host: "127.0.0.1", method: "POST", path: "/", agent: false });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", () => setTimeout(() => resolve({ status: "reset", body: "" }), 500));
    const chunk = Buffer.alloc(size, 32);
    let n = 0;
    const write = () => {
      while (n < count && !req.destroyed) {
        n++;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

describe("holdChunkedBody", () => {
  it("hands a body within the limit to the route whole", async () => {
    expect(await send(1024, 10)).toEqual({ status: 200, body: "read 10240" });
    expect(routeSaw.at(-1)).toBe(10240);
  });

  it("answers a huge body 413 once it is thrown away, never a reset, and the route never runs", async () => {
    const ran = routeSaw.length;
    for (let i = 0; i < 5; i++) expect(await send(64 * 1024, 160)).toEqual({ status: 413, body: "drained" });
    expect(routeSaw.length).toBe(ran);
  });
});
