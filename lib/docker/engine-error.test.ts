import { describe, expect, it } from "vitest";
import { engineMessage, engineStatus, explainPoolExhausted, nullIfNotFound } from "./engine-error";

// The shape dockerode gives a refused call: the engine's JSON body, its status, and its own message.
const refused = (message: string, statusCode = 400) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message}`), {
    statusCode,
    json: { message },
  });

describe("explainPoolExhausted", () => {
  it("says what to do when the engine's address pools are used up, keeping the status", () => {
    const err = explainPoolExhausted(
      refused(
        "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network",
      ),
    );
    expect(engineMessage(err)).toMatch(/no address range left for a new network.*default-address-pools/);
    expect(engineStatus(err)).toBe(400);
  });

  it("leaves any other error as it was", () => {
    const other = refused("network with name x already exists", 409);
    expect(explainPoolExhausted(other)).toBe(other);
  });
});

describe("nullIfNotFound", () => {
  it("gives the answer, null for a 404, and throws any other failure", async () => {
    await expect(nullIfNotFound(Promise.resolve("x"))).resolves.toBe("x");
    await expect(nullIfNotFound(Promise.reject(refused("No such network: n", 404)))).resolves.toBeNull();
    const busy = refused("network n has active endpoints", 403);
    await expect(nullIfNotFound(Promise.reject(busy))).rejects.toBe(busy);
  });
});
