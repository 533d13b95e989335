import { describe, expect, it } from "vitest";
import { parseCompose } from "@/lib/compose/parse";
import { MASK } from "./model";
import { markDerivedSecrets, maskSpec, specHasSecrets } from "./spec";

describe("secrets taken from variables", () => {
  const text = `services:\n  web:\n    image: redis:alpine\n    environment:\n      PGCONN: "host=db pw=\${DB_PW}"\n      MODE: \${MODE}\n`;
  const parsed = parseCompose(text, { variables: { DB_PW: "s3cret-value", MODE: "prod" } });
  if (!parsed.ok) throw new Error("fixture does not parse");

  it("marks the environment entries that hold a secret variable's value, and only those", () => {
    expect(specHasSecrets(parsed.spec)).toBe(false); // PGCONN is not a secret-looking name
    const marked = markDerivedSecrets(parsed.spec, ["s3cret-value"]);
    expect(marked.services.web.secretEnv).toEqual(["PGCONN"]);
    expect(specHasSecrets(marked)).toBe(true);
    expect(maskSpec(marked).services.web.environment).toEqual({ PGCONN: MASK, MODE: "prod" });
  });

  it("changes nothing without secret values", () => {
    expect(markDerivedSecrets(parsed.spec, [])).toBe(parsed.spec);
  });
});
