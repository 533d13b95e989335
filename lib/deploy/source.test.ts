import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { resolveSource } from "./source";

const compose = `services:
  web:
    image: redis:alpine
    environment:
      A: \${GREETING}
    secrets: [token]
secrets:
  token:
    environment: API_TOKEN
`;
const missing = (values: Record<string, string>) => {
  try {
    resolveSource({ type: "compose", compose }, true, "standalone", { values, secretNames: [] });
    return null;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    expect(e.code).toBe("missing_variables");
    return Object.keys(e.fields ?? {});
  }
};

describe("missing variables of a compose source", () => {
  it("lists ${NAME}s and the secrets' variables in one answer", () => {
    expect(missing({})).toEqual(["variables.GREETING", "variables.API_TOKEN"]);
    expect(missing({ GREETING: "hi" })).toEqual(["variables.API_TOKEN"]);
    expect(missing({ GREETING: "hi", API_TOKEN: "t" })).toBeNull();
  });

  it("stamps each secret reference with a digest that follows the content", () => {
    const digest = (token: string) =>
      resolveSource({ type: "compose", compose }, true, "standalone", {
        values: { GREETING: "hi", API_TOKEN: token },
        secretNames: ["API_TOKEN"],
      }).spec.services.web.secrets?.[0].digest;
    expect(digest("a")).toMatch(/^[0-9a-f]{12}$/);
    expect(digest("a")).toBe(digest("a"));
    expect(digest("a")).not.toBe(digest("b"));
  });
});

describe("profiles", () => {
  const withProfiles = `services:
  web: {image: redis:alpine}
  debug: {image: redis:alpine, profiles: [debug]}
  tools: {image: redis:alpine, profiles: [tools, ops]}
`;
  const services = (values: Record<string, string>) =>
    Object.keys(
      resolveSource({ type: "compose", compose: withProfiles }, true, "standalone", {
        values,
        secretNames: [],
      }).spec.services,
    );
  it("runs only services without profiles unless COMPOSE_PROFILES (an app variable) activates some", () => {
    expect(services({})).toEqual(["web"]);
    expect(services({ COMPOSE_PROFILES: "debug" })).toEqual(["web", "debug"]);
    expect(services({ COMPOSE_PROFILES: " ops , debug" })).toEqual(["web", "debug", "tools"]);
  });
});
