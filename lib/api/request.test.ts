import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { clientIp, isSameOrigin, readCookie, requestFromNode } from "./request";

/** A Node request as the HTTP parser hands it over (lower-case names, repeated cookies joined by "; "). */
function nodeRequest(headers: Record<string, string | string[]>, url = "/api/v1/counters?tenantId=t1") {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: "10.1.2.3" });
  const req = new IncomingMessage(socket);
  req.method = "GET";
  req.url = url;
  req.headers = headers;
  return req;
}

describe("requestFromNode", () => {
  it("reads headers case-insensitively, with the URL and method a route needs", () => {
    const req = requestFromNode(
      nodeRequest({ host: "wharf.test:3000", authorization: "Bearer abc", cookie: "a=1; wharf_session=s1" }),
    );
    expect(req.headers.get("Authorization")).toBe("Bearer abc");
    expect(req.headers.get("x-missing")).toBeNull();
    expect(readCookie(req, "wharf_session")).toBe("s1");
    expect(new URL(req.url).searchParams.get("tenantId")).toBe("t1");
    expect(req.url.startsWith("http://wharf.test:3000/")).toBe(true);
    expect(req.method).toBe("GET");
  });

  it("takes the peer address from the socket, never from what the client sent", () => {
    const req = requestFromNode(nodeRequest({ host: "h", "x-wharf-remote-addr": "127.0.0.1" }));
    expect(req.headers.get("x-wharf-remote-addr")).toBe("10.1.2.3");
    expect(clientIp(req)).toBe("10.1.2.3");
  });

  it("joins repeated headers as Fetch does, and checks the origin against the host", () => {
    const req = requestFromNode(
      nodeRequest({ host: "wharf.test", origin: "http://wharf.test", "x-custom": ["a", "b"] }),
    );
    expect(req.headers.get("x-custom")).toBe("a, b");
    expect(isSameOrigin(req)).toBe(true);
    const foreign = requestFromNode(nodeRequest({ host: "wharf.test", origin: "http://evil.test" }));
    expect(isSameOrigin(foreign)).toBe(false);
  });
});
