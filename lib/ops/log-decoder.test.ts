import { describe, expect, it } from "vitest";
import { compareTimestamps, LogDecoder, MAX_LINE_BYTES } from "./log-decoder";

const frame = (type: number, text: string) => {
  const payload = Buffer.from(text);
  const h = Buffer.alloc(8);
  h[0] = type;
  h.writeUInt32BE(payload.length, 4);
  return Buffer.concat([h, payload]);
};

describe("LogDecoder", () => {
  it("tells stdout from stderr in multiplexed frames", () => {
    const d = new LogDecoder(false);
    expect(d.push(Buffer.concat([frame(1, "out 1\n"), frame(2, "err 1\n")]))).toEqual([
      { stream: "stdout", text: "out 1" },
      { stream: "stderr", text: "err 1" },
    ]);
  });

  it("reassembles a frame split inside its header and payload", () => {
    const d = new LogDecoder(false);
    const all = Buffer.concat([frame(2, "hello\nwor"), frame(2, "ld\n")]);
    const lines = [];
    for (let i = 0; i < all.length; i += 3) lines.push(...d.push(all.subarray(i, i + 3)));
    expect(lines).toEqual([
      { stream: "stderr", text: "hello" },
      { stream: "stderr", text: "world" },
    ]);
  });

  it("keeps partial lines per stream when frames interleave", () => {
    const d = new LogDecoder(false);
    const lines = d.push(Buffer.concat([frame(1, "a"), frame(2, "x\n"), frame(1, "b\n")]));
    expect(lines).toEqual([
      { stream: "stderr", text: "x" },
      { stream: "stdout", text: "ab" },
    ]);
  });

  it("reads raw TTY output as stdout and drops carriage returns", () => {
    const d = new LogDecoder(true);
    expect(d.push(Buffer.from("one\r\ntw"))).toEqual([{ stream: "stdout", text: "one" }]);
    expect(d.push(Buffer.from("o\r\n"))).toEqual([{ stream: "stdout", text: "two" }]);
  });

  it("splits off engine timestamps", () => {
    const d = new LogDecoder(true, true);
    expect(d.push(Buffer.from("2024-01-02T03:04:05.123456789Z hi there\n"))).toEqual([
      { stream: "stdout", ts: "2024-01-02T03:04:05.123456789Z", text: "hi there" },
    ]);
  });

  it("flushes an unterminated last line and cuts runaway lines", () => {
    const d = new LogDecoder(true);
    expect(d.push(Buffer.from("tail"))).toEqual([]);
    expect(d.flush()).toEqual([{ stream: "stdout", text: "tail" }]);
    const long = d.push(Buffer.alloc(MAX_LINE_BYTES + 10, 97));
    expect(long).toHaveLength(1);
    expect(long[0].text.length).toBe(MAX_LINE_BYTES + 10);
  });
});

describe("compareTimestamps", () => {
  it("orders fractions of different lengths", () => {
    expect(compareTimestamps("2024-01-01T00:00:00.5Z", "2024-01-01T00:00:00.123456789Z")).toBe(1);
    expect(compareTimestamps("2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000000001Z")).toBe(-1);
    expect(compareTimestamps("2024-01-01T00:00:01.1Z", "2024-01-01T00:00:01.100Z")).toBe(0);
  });
});
