// docs/compose.md has a table row for every key of the pinned Compose Specification schema: top level, service,
// deploy, network, volume, secret and config. Each row says what happens on a standalone host and on a Swarm, and
// which admission rule guards it. A key the schema gains (a new pin) fails here until the docs say what it does.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Props = z.object({ properties: z.record(z.string(), z.unknown()) });
const Schema = z.object({
  properties: z.record(z.string(), z.unknown()),
  definitions: z.object({
    service: Props,
    deployment: Props,
    network: Props,
    volume: Props,
    secret: Props,
    config: Props,
  }),
});
const schema = Schema.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, "compose-spec.schema.json"), "utf8")),
);
const keys = (p: { properties: Record<string, unknown> }, prefix = "") =>
  Object.keys(p.properties).map((k) => prefix + k);

/** docs heading → the schema's keys that section must list. */
const SECTIONS: Record<string, string[]> = {
  "Top level": keys(schema),
  Services: keys(schema.definitions.service),
  deploy: keys(schema.definitions.deployment, "deploy."),
  Networks: keys(schema.definitions.network),
  Volumes: keys(schema.definitions.volume),
  Secrets: keys(schema.definitions.secret),
  Configs: keys(schema.definitions.config),
};

/** Rows of each `### ` section of docs/compose.md: first cell's key → the other cells. */
function tables(markdown: string): Record<string, Map<string, string[]>> {
  const out: Record<string, Map<string, string[]>> = {};
  let section: string | null = null;
  for (const line of markdown.split("\n")) {
    const heading = /^(#{2,3}) (.+)$/.exec(line);
    if (heading) section = heading[1] === "###" ? heading[2].trim() : null;
    const row = /^\| `([^`]+)`\s+\|(.*)\|\s*$/.exec(line); // Prettier pads the cells
    if (section && row)
      (out[section] ??= new Map()).set(
        row[1],
        row[2].split(" | ").map((c) => c.trim()),
      );
  }
  return out;
}

describe("docs/compose.md: a row for every key of the pinned schema", () => {
  const docs = tables(readFileSync(join(import.meta.dirname, "../../docs/compose.md"), "utf8"));

  it.each(Object.entries(SECTIONS))(
    "### %s lists every key, each with standalone, Swarm and policy",
    (section, want) => {
      const rows = docs[section] ?? new Map<string, string[]>();
      expect(
        want.filter((k) => !rows.has(k)),
        `keys missing from ### ${section}`,
      ).toEqual([]);
      expect(
        [...rows.keys()].filter((k) => !want.includes(k)),
        `rows for keys not in the schema`,
      ).toEqual([]);
      for (const [key, cells] of rows) {
        expect(cells, `${section} ${key}: standalone | Swarm | policy`).toHaveLength(3);
        expect(cells[0], `${section} ${key}: standalone`).not.toBe("");
      }
    },
  );

  it("names the words the issue retired nowhere in the product (code, pages, docs)", () => {
    const retired = ["not supported", "yet"].join(" "); // spelled apart so this file does not match itself
    const tracked = execFileSync("git", ["ls-files", "-z", "app", "components", "lib", "docs", "README.md"], {
      cwd: join(import.meta.dirname, "../.."),
      encoding: "utf8",
    })
      .split("\0")
      .filter((f) => /\.(tsx?|md|json)$/.test(f) && !f.startsWith("lib/generated/"));
    expect(tracked.length).toBeGreaterThan(100);
    const hits = tracked.filter((f) =>
      readFileSync(join(import.meta.dirname, "../..", f), "utf8")
        .toLowerCase()
        .includes(retired),
    );
    expect(hits).toEqual([]);
  });
});
