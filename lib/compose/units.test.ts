import { describe, expect, it } from "vitest";
import { parseDurationMs, parseNanoCpus, parseSizeBytes } from "./units";

describe("parseDurationMs", () => {
  it.each([
    ["30s", 30_000],
    ["1m30s", 90_000],
    ["500ms", 500],
    ["1h", 3_600_000],
    ["1.5s", 1500],
    ["2h45m", 9_900_000],
    ["100us", 0.1],
    [" 10s ", 10_000],
    ["0s", 0],
  ])("reads %s as %d ms", (input, ms) => expect(parseDurationMs(input)).toBeCloseTo(ms));

  it.each([["30"], [""], ["abc"], ["1x"], ["-1s"], ["s"], ["1 s"], [30], [null]])("refuses %j", (input) =>
    expect(parseDurationMs(input)).toBeNull(),
  );
});

describe("parseSizeBytes", () => {
  it.each([
    ["512m", 512 * 1024 ** 2],
    ["512M", 512 * 1024 ** 2],
    ["1G", 1024 ** 3],
    ["1gb", 1024 ** 3],
    ["100k", 102_400],
    ["1.5g", 1.5 * 1024 ** 3],
    ["2048", 2048],
    ["10b", 10],
    [1048576, 1048576],
  ])("reads %j as %d bytes", (input, bytes) => expect(parseSizeBytes(input)).toBe(bytes));

  it.each([["1x"], ["m"], ["-5m"], [""], [1.5], [-1], ["1 gigabyte"], [true]])("refuses %j", (input) =>
    expect(parseSizeBytes(input)).toBeNull(),
  );
});

describe("parseNanoCpus", () => {
  it.each([
    [0.5, 500_000_000],
    ["2", 2_000_000_000],
    ["0.25", 250_000_000],
  ])("reads %j as %d nano-CPUs", (input, nano) => expect(parseNanoCpus(input)).toBe(nano));

  it.each([[0], ["-1"], ["half"], [null]])("refuses %j", (input) => expect(parseNanoCpus(input)).toBeNull());
});
