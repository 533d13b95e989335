import { describe, expect, it } from "vitest";
import { missingVariables, parseCompose } from "./parse";

const file = (body: string) => `services:\n  web:\n    image: redis:alpine\n${body}`;

describe("missing variables", () => {
  it("lists each unset variable once, in order of use, with its line", () => {
    const r = parseCompose(
      file(
        "    environment:\n      A: ${DB_HOST}\n      B: ${DB_PASSWORD:?set the database password}\n      C: ${DB_HOST}-${OK:-x}\n",
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(missingVariables(r.errors)).toEqual(["DB_HOST", "DB_PASSWORD"]);
    expect(r.errors.find((e) => e.variable === "DB_PASSWORD")).toMatchObject({
      line: 6,
      message: "set the database password",
    });
  });

  it("names the variable inside a nested default", () => {
    const r = parseCompose(file("    command: ${A:-${B}}\n"));
    expect(!r.ok && missingVariables(r.errors)).toEqual(["B"]);
  });

  it("is empty for other errors (a syntax error is not a missing variable)", () => {
    const r = parseCompose(file("    command: ${A\n"));
    expect(r.ok).toBe(false);
    expect(!r.ok && missingVariables(r.errors)).toEqual([]);
  });

  it("plans once the variables are given, and an empty value satisfies ${V} but not ${V:?}", () => {
    const text = file("    environment:\n      A: ${X}\n      B: ${Y:?}\n");
    expect(parseCompose(text, { variables: { X: "", Y: "y" } }).ok).toBe(true);
    const r = parseCompose(text, { variables: { X: "", Y: "" } });
    expect(!r.ok && missingVariables(r.errors)).toEqual(["Y"]);
  });
});
