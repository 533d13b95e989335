import { describe, expect, it } from "vitest";
import { MASK } from "@/lib/secrets/model";
import { MAX_PROGRESS_LINES, ProgressRecord } from "./progress-record";

describe("ProgressRecord", () => {
  it("records what it passes on, scrubbed of the deploy's secrets and URL passwords", () => {
    const seen: string[] = [];
    const rec = new ProgressRecord(["hunter2-long"]);
    const progress = rec.wrap((_phase, message) => seen.push(message));
    progress("pulling", "pulling https://bob:pw123@registry.example/app");
    progress("starting", "exec /bin/hunter2-long: not found", "web");
    expect(seen).toHaveLength(2);
    const { lines, truncated } = rec.stored();
    expect(truncated).toBe(false);
    expect(lines.map((l) => l.phase)).toEqual(["pulling", "starting"]);
    expect(lines[1]).toMatchObject({ service: "web", message: `exec /bin/${MASK}: not found` });
    expect(JSON.stringify(lines)).not.toMatch(/hunter2-long|pw123/);
  });

  it("stays bounded, keeping the first lines and the last one", () => {
    const rec = new ProgressRecord([]);
    const progress = rec.wrap(() => undefined);
    for (let i = 0; i < MAX_PROGRESS_LINES + 50; i++) progress("creating", `line ${i}`);
    progress("done", "revision 3 is live");
    const { lines, truncated } = rec.stored();
    expect(truncated).toBe(true);
    expect(lines).toHaveLength(MAX_PROGRESS_LINES + 1);
    expect(lines[0].message).toBe("line 0");
    expect(lines.at(-1)?.message).toBe("revision 3 is live");
    const big = new ProgressRecord([]);
    const p2 = big.wrap(() => undefined);
    for (let i = 0; i < 100; i++) p2("creating", "x".repeat(4000));
    expect(JSON.stringify(big.stored()).length).toBeLessThan(80 * 1024);
  });
});
