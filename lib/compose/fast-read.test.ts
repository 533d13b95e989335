// parseCompose reads a file with js-yaml first (fast) and falls back to the `yaml` document model (every error
// located) on any issue. The two must agree on every file that parses: the whole corpus, and scalars where YAML
// readers are known to differ (octals, timestamps, 1.1 booleans, merge keys, aliases).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose, parseWithLines } from "./parse";

const CORPUS = join(import.meta.dirname, "../../tests/compose-corpus");
const corpus = readdirSync(CORPUS, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yml"));

const svc = (body: string) => `services:\n  web:\n    image: alpine\n${body.replace(/^/gm, "    ")}\n`;
const SCALARS = [
  svc(
    'labels:\n  a: 0o14\n  b: 014\n  c: 0x1F\n  d: .inf\n  e: -.Inf\n  f: .NaN\n  g: 1e3\n  h: +12\n  i: "007"',
  ),
  svc("labels:\n  a: yes\n  b: On\n  c: off\n  d: y\n  e: True\n  f: FALSE\n  g: ~\n  h: null\n  i: Null"),
  svc("labels:\n  a: 2001-12-14\n  b: 2001-12-14t21:59:43.10-05:00\n  c: 12:30:45\n  d: 1_000\n  e: 0b101"),
  svc(
    "labels:\n  a: -0x1F\n  b: +0o7\n  c: 1_000.5\n  d: 0o8\n  e: 0xG\n  f: .5\n  g: 5.\n  h: -.inf\n  i: 12e\n  j: ''\n  k:",
  ),
  svc("environment:\n  A: 0\n  B: -0\n  C: 1.0\n  D: 99999999999999999999\n  E: 3.14e-2\n  F: 0x00ff"),
  svc(
    "environment:\n  A: |\n    two\n    lines\n  B: >-\n    folded\n    text\n  C: 'it''s'\n  D: \"tab\\tnl\\n\"",
  ),
  "x-d: &d\n  restart: always\n  labels: {a: '1'}\nx-e: &e\n  labels: {b: '2'}\nservices:\n  web:\n    <<: [*d, *e]\n    image: x\n    labels: {c: '3'}\n  db:\n    <<: *d\n    image: y\n",
  "x-env: &env [A=1, B=2]\nservices:\n  web: {image: x, environment: *env}\n  db: {image: y, environment: *env}\n",
  svc(
    "ports:\n  - 80\n  - '8080:80'\n  - 9000-9001:9000-9001/udp\nhealthcheck: {test: [CMD, true], interval: 1m30s}",
  ),
];

describe("the fast reader agrees with the document path", () => {
  it.each([
    ...corpus.map((f) => ({ name: f, text: readFileSync(join(CORPUS, f), "utf8") })),
    ...SCALARS.map((text, i) => ({ name: `scalars ${i}`, text })),
  ])("$name", ({ text }) => {
    const slow = parseWithLines(text, {});
    const fast = parseCompose(text);
    expect(fast).toEqual(slow);
  });

  it("refuses what the document path refuses, with its lines (duplicate keys, alias bombs, cycles, tags)", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 8; i++)
      bomb.push(`${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(10).fill(`*${"abcdefgh"[i]}`).join(", ")}]`);
    for (const text of [
      "services:\n  web: {image: x}\n  web: {image: y}\n",
      bomb.join("\n") + "\nservices: {web: {image: x}}\n",
      "services:\n  web: !!binary aGVsbG8=\n",
      "services:\n  web:\n    image: x\n    imagee: y\n",
    ]) {
      const fast = parseCompose(text);
      expect(fast.ok).toBe(false);
      expect(fast).toEqual(parseWithLines(text, {}));
    }
  });
});
