import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "@/lib/api/error-codes";
import { ApiError, engineError, errorBody, errorResponse, toApiError } from "@/lib/api/errors";

// A dockerode failure as the engine sends it: statusCode, a JSON reason and a prefixed message.
const engineFailure = (statusCode: number, reason: string) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${reason}`), {
    statusCode,
    json: { message: reason },
  });
const socketFailure = (code: string) => Object.assign(new Error(`connect ${code} /run/x.sock`), { code });

describe("the one engine-error mapper", () => {
  it.each([
    [404, "No such container: abc", 404, "not_found"],
    [409, "port is already allocated", 409, "conflict"],
    [400, "invalid reference format", 422, "invalid"],
    [503, "swarm is not active", 503, "unavailable"],
  ] as const)("engine %i → %i %s with the engine's reason", (engineStatus, reason, status, code) => {
    const e = engineError(engineFailure(engineStatus, reason), "Container");
    expect(e).toBeInstanceOf(ApiError);
    const api = e as ApiError;
    expect([api.status, api.code]).toEqual([status, code]);
    if (status !== 404) expect(api.message).toContain(reason);
    else expect(api.message).toBe("Container not found");
  });

  it.each(["ECONNREFUSED", "ENOENT", "ETIMEDOUT", "EHOSTUNREACH"])("%s → 502 host_unreachable", (code) => {
    const e = engineError(socketFailure(code), "Host");
    expect([(e as ApiError).status, (e as ApiError).code]).toEqual([502, "host_unreachable"]);
  });

  it("passes everything else through unchanged, and toApiError turns it into a 500", () => {
    const other = new Error("boom");
    expect(engineError(other)).toBe(other);
    const quiet = console.error;
    console.error = () => {};
    try {
      expect(toApiError(other).status).toBe(500);
    } finally {
      console.error = quiet;
    }
  });

  it("maps an unmapped engine refusal on any path (toApiError) the same way", () => {
    expect(toApiError(engineFailure(409, "name in use")).code).toBe("conflict");
  });

  it("a 500 that only says the container was in another state is a 409; other engine 500s stay a 500", () => {
    const clash = toApiError(
      engineFailure(500, "Cannot restart container abc: Container abc is not running"),
    );
    expect([clash.status, clash.code]).toEqual([409, "conflict"]);
    expect(clash.message).toContain("is not running");
    // Another client's /system/df (the engine computes one at a time): busy, not broken.
    expect(toApiError(engineFailure(500, "a disk usage operation is already running")).status).toBe(409);
    const quiet = console.error;
    console.error = () => {};
    try {
      const other = toApiError(engineFailure(500, "devmapper: Thin Pool has 0 free data blocks"));
      expect(other.status).toBe(500);
      expect(other.message).not.toContain("devmapper");
    } finally {
      console.error = quiet;
    }
  });
});

describe("error bodies", () => {
  it("carry retryAfter as a field and a Retry-After header", async () => {
    const e = new ApiError(429, "throttled", "Too many failed sign-ins; try again in 7 s", undefined, 7);
    expect(errorBody(e).error.retryAfter).toBe(7);
    const res = errorResponse(e);
    expect(res.headers.get("retry-after")).toBe("7");
    expect((await res.json()).error).toMatchObject({ code: "throttled", retryAfter: 7 });
  });

  it("use only codes of the closed list", () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(ERROR_CODES).toContain(toApiError(new ApiError(404, "not_found", "x")).code);
  });
});
