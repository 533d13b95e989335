import { describe, expect, it } from "vitest";
import {
  MASK,
  isSecretName,
  maskRecord,
  maskUrlCredentials,
  redactDeep,
  scrubDeep,
  scrubText,
  secretStrings,
} from "./model";

describe("the secret model", () => {
  it("recognises secret words as whole words of a name", () => {
    for (const n of [
      "DB_PASSWORD",
      "NPM_TOKEN",
      "aws_secret_access_key",
      "apiKey",
      "PRIVATE_KEY",
      "SENTRY_DSN",
    ])
      expect(isSecretName(n), n).toBe(true);
    for (const n of ["MONKEY", "PASSENGER", "AUTHOR", "KEYBOARD_LAYOUT", "PORT", "DATABASE_URL"])
      expect(isSecretName(n), n).toBe(false);
  });

  it("masks URL passwords only, keeping the user and host", () => {
    expect(maskUrlCredentials("postgres://app:s3cr3t@db:5432/x and https://u:p%40ss@h/")).toBe(
      `postgres://app:${MASK}@db:5432/x and https://u:${MASK}@h/`,
    );
    expect(maskUrlCredentials("https://host/path?a=b")).toBe("https://host/path?a=b");
  });

  it("masks marked, named and URL secrets in a record, and lists their strings", () => {
    const env = {
      DB_PASSWORD: "hunter22",
      DATABASE_URL: "postgres://app:pw1234@db/x",
      MODE: "prod",
      PIN: "9876",
    };
    expect(maskRecord(env, ["PIN"])).toEqual({
      DB_PASSWORD: MASK,
      DATABASE_URL: `postgres://app:${MASK}@db/x`,
      MODE: "prod",
      PIN: MASK,
    });
    expect(secretStrings(env, ["PIN"]).sort()).toEqual(["9876", "hunter22", "pw1234"]);
    expect(scrubText("DB_PASSWORD: hunter22\nPIN=9876", secretStrings(env, ["PIN"]))).toBe(
      `DB_PASSWORD: ${MASK}\nPIN=${MASK}`,
    );
  });

  it("redacts nested JSON for the audit log and errors", () => {
    expect(redactDeep({ a: { token: "x", url: "redis://:pw@r:6379", n: 1 }, list: ["s://u:p@h"] })).toEqual({
      a: { token: MASK, url: `redis://:${MASK}@r:6379`, n: 1 },
      list: [`s://u:${MASK}@h`],
    });
  });
});

describe("scrubDeep", () => {
  it("masks known secret strings in every string and key of a JSON value", () => {
    const v = {
      services: { web: { command: ["--pw", "hunter22"], labels: { "k.hunter22": "x hunter22 y" } } },
    };
    expect(scrubDeep(v, ["hunter22"])).toEqual({
      services: { web: { command: ["--pw", MASK], labels: { [`k.${MASK}`]: `x ${MASK} y` } } },
    });
    expect(scrubDeep(v, [])).toBe(v);
  });
});
