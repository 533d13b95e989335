import { describe, expect, it } from "vitest";
import { drainNamesBack, lifecycleDrainName, restartLevel, stopDrainedOwnName } from "./rolling-restart";

const c = (id: string, service: string, running = true) => ({ id, service, running });
const tick = () => new Promise((r) => setTimeout(r, 1));

describe("a restart's order", () => {
  it("rolls a routed service's replicas one at a time, the next only once the previous is routed again", async () => {
    const events: string[] = [];
    const level = [
      c("web1", "web"),
      c("web2", "web"),
      c("web3", "web"),
      c("worker1", "worker"),
      c("api1", "api"),
    ];
    await restartLevel(level, new Set(["web", "api"]), {
      restart: async (x) => {
        events.push(`restart ${x.id}`);
        await tick();
      },
      roll: async (x) => {
        events.push(`leave ${x.id}`);
        await tick();
        events.push(`back ${x.id}`);
      },
    });
    const rolled = events.filter((e) => /web/.test(e));
    expect(rolled).toEqual(["leave web1", "back web1", "leave web2", "back web2", "leave web3", "back web3"]);
    // Unrouted services and a lone routed replica restart at once, as before (no drain, no wait).
    expect(events.slice(0, 2)).toEqual(["restart worker1", "restart api1"]);
  });

  it("stops a service's roll at a replica that is not routed again, and waits for the rest of the level", async () => {
    const events: string[] = [];
    const level = [c("a1", "a"), c("a2", "a"), c("b1", "b"), c("b2", "b"), c("a3", "a", false)];
    const run = restartLevel(level, new Set(["a", "b"]), {
      restart: async (x) => void events.push(`restart ${x.id}`),
      roll: async (x) => {
        await tick();
        if (x.id === "a1") throw new Error("a1 not routed again");
        events.push(`rolled ${x.id}`);
      },
    });
    await expect(run).rejects.toThrow("a1 not routed again");
    // a2 was never taken out; b's roll finished; a stopped replica just starts again.
    expect(events.sort()).toEqual(["restart a3", "rolled b1", "rolled b2"]);
  });
});

describe("names a crash leaves under a stop's or restart's drain", () => {
  it("gives a declared name back when no container holds it, and nothing else", () => {
    const declared = new Set(["app_web_1", "app_web_2", "app_db_1"]);
    expect(lifecycleDrainName("app_web_1")).toBe("app_web_1_drain_0");
    expect(stopDrainedOwnName("app_web_1_drain_0")).toBe("app_web_1");
    expect(stopDrainedOwnName("app_web_1_drain_4")).toBeNull(); // a deploy's drain: its own removal
    const back = drainNamesBack(
      [
        { id: "1", name: "app_web_1_drain_0" }, // left by a crash mid-roll: back
        { id: "2", name: "app_web_2" },
        { id: "3", name: "app_web_2_drain_0" }, // its name is taken: left as it is
        { id: "4", name: "app_web_3_drain_0" }, // not declared (scaled down since): left
        { id: "5", name: "app_db_1_drain_7" }, // a deploy's drain
      ],
      declared,
    );
    expect(back).toEqual([{ id: "1", name: "app_web_1" }]);
  });
});
