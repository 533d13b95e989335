import { describe, expect, it } from "vitest";
import { LiveLog } from "./live-log";

describe("LiveLog", () => {
  it("replays what was logged to a late viewer, then follows until the end", () => {
    const log = new LiveLog(1024);
    log.append("one\n");
    const seen: string[] = [];
    let ended = false;
    const stop = log.follow(
      (t) => seen.push(t),
      () => (ended = true),
    );
    log.append("two\n");
    log.finish();
    expect(seen.join("")).toBe("one\ntwo\n");
    expect(ended).toBe(true);
    stop();
    const late: string[] = [];
    log.follow(
      (t) => late.push(t),
      () => undefined,
    );
    expect(late.join("")).toBe("one\ntwo\n");
  });

  it("keeps at most its cap, says so once, and drops the rest", () => {
    const log = new LiveLog(100);
    log.append("x".repeat(60));
    log.append("y".repeat(60));
    log.append("z".repeat(60));
    expect(log.truncated).toBe(true);
    const text = log.text();
    expect(text.startsWith("x".repeat(60) + "y".repeat(40))).toBe(true);
    expect(text).toContain("Log truncated");
    expect(text).not.toContain("z");
    expect(text.match(/Log truncated/g)).toHaveLength(1);
  });

  it("fans out to many viewers at once", () => {
    const log = new LiveLog(1024);
    const views = Array.from({ length: 50 }, () => [] as string[]);
    views.forEach((v) =>
      log.follow(
        (t) => v.push(t),
        () => undefined,
      ),
    );
    log.append("hello\n");
    expect(views.every((v) => v.join("") === "hello\n")).toBe(true);
  });
});

describe("LiveLog with secrets", () => {
  it("never keeps or streams a secret, even split across appends; settles the held tail at the end", () => {
    const log = new LiveLog(4096, ["tok-123456"]);
    const seen: string[] = [];
    log.follow(
      (t) => seen.push(t),
      () => undefined,
    );
    log.append("Step 2/3 : RUN echo $NPM_TOKEN\n");
    log.append("tok-12");
    log.append("3456\nend tok");
    expect(log.text()).not.toContain("tok-12");
    log.finish();
    expect(log.text()).toBe("Step 2/3 : RUN echo $NPM_TOKEN\n••••••\nend tok");
    expect(seen.join("")).toBe(log.text());
    expect(log.scrub("failed: tok-123456")).toBe("failed: ••••••");
  });
});
