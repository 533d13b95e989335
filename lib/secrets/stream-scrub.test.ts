import { describe, expect, it } from "vitest";
import { MASK } from "./model";
import { StreamScrubber } from "./stream-scrub";

const run = (secrets: string[], chunks: string[]) => {
  const s = new StreamScrubber(secrets);
  const out = chunks.map((c) => s.push(c));
  return { out, text: out.join("") + s.end() };
};

describe("StreamScrubber", () => {
  it("masks a secret inside one chunk", () => {
    expect(run(["hunter22"], ["pw=hunter22 ok\n"]).text).toBe(`pw=${MASK} ok\n`);
  });

  it("masks a secret split across chunks at every position", () => {
    const secret = "s3cr3t-value";
    const line = `token is ${secret} here\n`;
    for (let i = 1; i < line.length; i++) {
      const { out, text } = run([secret], [line.slice(0, i), line.slice(i)]);
      expect(text, `split at ${i}`).toBe(`token is ${MASK} here\n`);
      for (const piece of out) expect(piece).not.toContain(secret.slice(0, 6));
    }
  });

  it("masks a secret split over many one-character chunks", () => {
    expect(run(["abcdef"], [..."x abcdef y\n"]).text).toBe(`x ${MASK} y\n`);
  });

  it("lets ordinary text through at once, holding back only a possible start of a secret", () => {
    const s = new StreamScrubber(["hunter22"]);
    expect(s.push("Step 1/3 : FROM base\n")).toBe("Step 1/3 : FROM base\n");
    expect(s.push("value hun")).toBe("value ");
    expect(s.push("gry\n")).toBe("hungry\n");
    expect(s.end()).toBe("");
  });

  it("masks URL passwords, also when the URL arrives in pieces", () => {
    expect(run([], ["get https://ci:pa", "ssw0rd@mirror.example/x done\n"]).text).toBe(
      `get https://ci:${MASK}@mirror.example/x done\n`,
    );
  });

  it("gives back a held tail at the end", () => {
    expect(run(["hunter22"], ["ends with hunt"]).text).toBe("ends with hunt");
  });

  it("prefers the longer of two overlapping secrets", () => {
    expect(run(["abcd1234", "abcd1234xyz"], ["v=abcd1234xyz\n"]).text).toBe(`v=${MASK}\n`);
  });
});
