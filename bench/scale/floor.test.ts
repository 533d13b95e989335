import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { answerHeaders, fetchAnswer, startFloor, type FloorServer } from "./floor";
import type { AddressInfo } from "node:net";

let floor: FloorServer | null = null;
let origin: http.Server | null = null;
afterEach(async () => {
  await floor?.stop();
  floor = null;
  await new Promise((r) => (origin ? origin.close(r) : r(null)));
  origin = null;
});

describe("the floor server", () => {
  it("serves the very answer it was given, headers and body, to any request", async () => {
    // An answer shaped like lib/api/direct.ts's sendJson after server.ts's security headers.
    origin = http.createServer((req, res) => {
      res.setHeader("x-frame-options", "DENY");
      const body = JSON.stringify({ auth: req.headers.authorization, containers: { running: 1, total: 2 } });
      res.writeHead(200, {
        "content-type": "application/json",
        "cache-control": "no-store",
        "content-length": Buffer.byteLength(body),
      });
      res.end(body);
    });
    await new Promise<void>((r) => origin!.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(origin.address() as AddressInfo).port}/api/v1/counters`;
    const answer = await fetchAnswer(url, { authorization: "Bearer t" });
    expect(answer.status).toBe(200);
    expect(answer.headers).toEqual({
      "x-frame-options": "DENY",
      "content-type": "application/json",
      "cache-control": "no-store",
    });

    floor = await startFloor(answer);
    const copy = await fetchAnswer(`${floor.baseUrl}/anything`, {});
    expect(copy).toEqual(answer);
    expect(floor.cpuSeconds()).toBeGreaterThanOrEqual(0);
  });

  it("keeps only the headers a server sets itself", () => {
    expect(
      answerHeaders({
        date: "x",
        connection: "keep-alive",
        "keep-alive": "timeout=5",
        "content-length": "3",
        "set-cookie": ["a=1", "b=2"],
        "content-type": "application/json",
        absent: undefined,
      }),
    ).toEqual({ "set-cookie": "a=1, b=2", "content-type": "application/json" });
  });

  it("refuses anything but loopback", () => {
    expect(() => fetchAnswer("http://example.com/", {})).toThrow(/loopback/);
  });
});
