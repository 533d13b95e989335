// `include` against compose-go's own tests (tests/compose-corpus/compose-go-include.json: each case cites the test's
// file and lines at the commit). Each case's files are written to a folder, loaded like a repository source, parsed,
// exported, and the values compose-go's test asserts are compared with Wharf's export.
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { exportCompose } from "../export";
import { parseCompose } from "../parse";
import { FolderError, openFolder } from "./contained";
import { loadComposeFolder } from "./load";

const Case = z.object({
  name: z.string(),
  at: z.string(),
  note: z.string(),
  files: z.record(z.string(), z.string()),
  variables: z.record(z.string(), z.string()).optional(),
  refused: z.string().optional(),
  composeGo: z.unknown().optional(),
  expect: z
    .array(
      z.object({
        path: z.array(z.string()),
        equals: z.string().optional(),
        absent: z.literal(true).optional(),
      }),
    )
    .optional(),
});
const goldens = z
  .object({ commit: z.string().regex(/^[0-9a-f]{40}$/), cases: z.array(Case) })
  .parse(
    JSON.parse(
      readFileSync(
        path.join(import.meta.dirname, "../../../tests/compose-corpus/compose-go-include.json"),
        "utf8",
      ),
    ),
  );

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true }))));

async function load(c: z.infer<typeof Case>) {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "wharf-include-golden-"));
  roots.push(root);
  for (const [rel, text] of Object.entries(c.files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), text);
  }
  const variables = c.variables ?? {};
  const loaded = await loadComposeFolder(await openFolder(root), { variables });
  return parseCompose(loaded.text, {
    variables: { ...loaded.dotenv, ...variables },
    folder: { files: loaded.files },
  });
}

const at = (value: unknown, keys: string[]): unknown =>
  keys.reduce<unknown>(
    (v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
    value,
  );

describe("include, as compose-go's tests load it", () => {
  it.each(goldens.cases)("$name ($at)", async (c) => {
    if (c.refused) {
      // A known difference, kept visible: Wharf refuses the file with this reason.
      const err = await load(c).then(
        (r) => (r.ok ? null : r.errors.map((e) => e.message).join("\n")),
        (e: unknown) => (e instanceof FolderError ? e.message : String(e)),
      );
      expect(err).toContain(c.refused);
      return;
    }
    const r = await load(c);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const out = exportCompose(r.spec);
    for (const e of c.expect ?? []) {
      if (e.absent) expect(at(out, e.path), e.path.join(".")).toBeUndefined();
      else expect(at(out, e.path), e.path.join(".")).toBe(e.equals);
    }
  });
});
