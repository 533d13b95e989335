import { describe, expect, it } from "vitest";
import { parseHumanDuration, splitListStatus, statusText } from "./container-status";

const now = 1_700_000_000_000;

describe("splitListStatus", () => {
  it("drops the relative time of running containers and keeps health", () => {
    expect(splitListStatus("Up 5 minutes (healthy)", now)).toEqual({
      status: "Up (healthy)",
      since: now - 300_000,
    });
    expect(splitListStatus("Up About an hour", now)).toEqual({ status: "Up", since: now - 3_600_000 });
    expect(splitListStatus("Up Less than a second", now)).toEqual({ status: "Up", since: now });
    expect(splitListStatus("Up 2 days (Paused)", now)).toEqual({
      status: "Up (Paused)",
      since: now - 2 * 86_400_000,
    });
  });
  it("keeps the exit code of stopped containers", () => {
    expect(splitListStatus("Exited (137) 3 hours ago", now)).toEqual({
      status: "Exited (137)",
      since: now - 3 * 3_600_000,
    });
    expect(splitListStatus("Restarting (1) 1 second ago", now)).toEqual({
      status: "Restarting (1)",
      since: now - 1000,
    });
  });
  it("passes through texts without a time", () => {
    expect(splitListStatus("Created", now)).toEqual({ status: "Created", since: null });
    expect(splitListStatus("Removal In Progress", now)).toEqual({
      status: "Removal In Progress",
      since: null,
    });
  });
  it("parses every unit docker prints", () => {
    expect(parseHumanDuration("About a minute")).toBe(60_000);
    expect(parseHumanDuration("1 week")).toBe(7 * 86_400_000);
    expect(parseHumanDuration("3 months")).toBe(90 * 86_400_000);
    expect(parseHumanDuration("soon")).toBeNull();
  });
});

describe("statusText", () => {
  it("words states like the engine", () => {
    expect(statusText("running", null, "unhealthy")).toBe("Up (unhealthy)");
    expect(statusText("exited", "143")).toBe("Exited (143)");
    expect(statusText("paused")).toBe("Up (Paused)");
  });
});
