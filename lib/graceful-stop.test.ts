import { describe, expect, it } from "vitest";
import { PROXY_DRAIN_MS, stopSettings } from "./graceful-stop";

describe("stopSettings", () => {
  it("drains only behind a proxy by default, so a lone server stops at once on Ctrl-C", () => {
    expect(stopSettings({})).toEqual({ drainMs: 0, timeoutMs: 10_000 });
    expect(stopSettings({ WHARF_TRUSTED_PROXIES: " " })).toEqual({ drainMs: 0, timeoutMs: 10_000 });
    expect(stopSettings({ WHARF_TRUSTED_PROXIES: "127.0.0.1/32" })).toEqual({
      drainMs: 3000,
      timeoutMs: 10_000,
    });
  });

  it("matches HAProxy's checks in scripts/ha/haproxy.cfg: (fall + 1) x inter", async () => {
    const fs = await import("node:fs");
    const cfg = fs.readFileSync("scripts/ha/haproxy.cfg", "utf8");
    const [, inter, fall] = /default-server inter (\d+)s fall (\d+)/.exec(cfg)!;
    expect(PROXY_DRAIN_MS).toBe((Number(fall) + 1) * Number(inter) * 1000);
  });

  it("takes the variables, in milliseconds, over the defaults", () => {
    const env = {
      WHARF_TRUSTED_PROXIES: "10.0.0.0/8",
      WHARF_SHUTDOWN_DRAIN_MS: "0",
      WHARF_SHUTDOWN_TIMEOUT_MS: "2500",
    };
    expect(stopSettings(env)).toEqual({ drainMs: 0, timeoutMs: 2500 });
    expect(stopSettings({ WHARF_SHUTDOWN_DRAIN_MS: "5000" })).toEqual({ drainMs: 5000, timeoutMs: 10_000 });
    expect(stopSettings({ WHARF_SHUTDOWN_DRAIN_MS: "soon" }).drainMs).toBe(0);
  });
});
