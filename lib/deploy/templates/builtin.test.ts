import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { isSecretName } from "@/lib/secrets/model";
import { composeVariableNames } from "@/lib/validations/template";
import { builtInTemplates } from "./builtin";
import { checkTemplate } from "./check";

const sharedImages = fs
  .readFileSync("scripts/services/shared-images.txt", "utf8")
  .split("\n")
  .filter((l) => l.trim() && !l.startsWith("#"));

/** `${NAME:-default}` / `${NAME-default}` defaults as written in the compose file. */
const composeDefaults = (text: string) =>
  new Map([...text.matchAll(/\$\{([A-Za-z_]\w*):?-([^}]*)\}/g)].map((m) => [m[1], m[2]]));

describe("built-in templates (examples/templates)", () => {
  it("are at least 12, the voting app first, in several categories", async () => {
    const all = await builtInTemplates();
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(all[0].id).toBe("voting-app");
    expect(all[0].swarmCompose).toContain("services:");
    expect(new Set(all.map((t) => t.category)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
  });

  it("declare exactly the variables their compose files use, with the same defaults", async () => {
    for (const t of await builtInTemplates()) {
      expect(t.variables.map((v) => v.name).sort(), t.id).toEqual(composeVariableNames(t.compose).sort());
      const defaults = composeDefaults(t.compose);
      for (const v of t.variables) {
        expect(v.required, `${t.id} ${v.name}`).toBe(!defaults.has(v.name));
        if (v.default !== undefined) expect(defaults.get(v.name), `${t.id} ${v.name}`).toBe(v.default);
      }
    }
  });

  it("mark every password-like variable secret", async () => {
    for (const t of await builtInTemplates())
      for (const v of t.variables) if (isSecretName(v.name)) expect(v.secret, `${t.id} ${v.name}`).toBe(true);
  });

  it("name only images the stand-ins cover (scripts/services/shared-images.txt)", async () => {
    const images = (await builtInTemplates()).flatMap((t) => t.images);
    expect(images.filter((i) => !sharedImages.includes(i))).toEqual([]);
    expect(images).toContain("postgres:16");
  });
});

describe("checkTemplate", () => {
  const compose = 'services:\n  web:\n    image: nginx:1.27-alpine\n    ports: ["${PORT:?}:80"]\n';

  it("accepts a file whose variables are declared, required ones included", () => {
    expect(checkTemplate(compose, [{ name: "PORT", label: "Port", secret: false }])).toEqual({
      images: ["nginx:1.27-alpine"],
    });
  });

  it("names an undeclared variable", () => {
    expect(() => checkTemplate(compose, [])).toThrow(/\$\{PORT\}, which is not declared/);
  });

  it("names the line of a compose error", () => {
    const bad = "services:\n  web:\n    image: nginx\n    portz: [80]\n";
    expect(() => checkTemplate(bad, [])).toThrow(/compose: line 4/);
  });

  it("ignores $$ (a literal dollar)", () => {
    expect(composeVariableNames("a: $$HOME ${A} $B $${C}")).toEqual(["A", "B"]);
  });
});
