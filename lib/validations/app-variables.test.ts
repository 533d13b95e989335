import { describe, expect, it } from "vitest";
import { parseDotEnv, VariablesInput } from "./app-variables";
import { TemplateVariables } from "./template";

describe("app variables", () => {
  it("reads a .env file: export, quotes, comments, = inside values", () => {
    const r = parseDotEnv(
      `# db\nexport DB_HOST=db\nDB_PASSWORD="p#ss word"\nURL=postgres://u:p@db/x?a=b # trailing\nEMPTY=\n\nbad line\n1X=2`,
    );
    expect(r.variables).toEqual([
      { name: "DB_HOST", value: "db" },
      { name: "DB_PASSWORD", value: "p#ss word" },
      { name: "URL", value: "postgres://u:p@db/x?a=b" },
      { name: "EMPTY", value: "" },
    ]);
    expect(r.errors).toEqual(["line 7: expected NAME=value", "line 8: expected NAME=value"]);
  });

  it("refuses a name twice and names outside the .env alphabet", () => {
    const twice = VariablesInput.safeParse({
      variables: [
        { name: "A", value: "1" },
        { name: "A", value: "2" },
      ],
    });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0].path).toEqual(["variables", 1, "name"]);
    expect(VariablesInput.safeParse({ variables: [{ name: "A-B", value: "1" }] }).success).toBe(false);
    expect(VariablesInput.parse({ variables: [{ name: "A_1" }] }).variables[0]).toEqual({
      name: "A_1",
      secret: false,
    });
  });

  it("refuses a template variable's name twice the same way", () => {
    const twice = TemplateVariables.safeParse([
      { name: "A", label: "a" },
      { name: "A", label: "again" },
    ]);
    expect(twice.error?.issues.map((i) => [i.path, i.message])).toEqual([[[1, "name"], "appears twice"]]);
  });
});
