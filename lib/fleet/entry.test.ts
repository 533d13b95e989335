import { describe, expect, it } from "vitest";
import type { ContainerRecord } from "@/lib/docker/containers";
import { ContainerView } from "@/lib/validations/fleet-views";
import { makeEntry, sameView, viewJson } from "./entry";

const base: ContainerRecord = {
  id: "a".repeat(64),
  name: "web-1",
  image: "nginx:1.25",
  state: "running",
  status: "Up",
  since: 1_700_000_000_123.5,
  hostId: "h1",
  tenant: "acme",
  project: "shop",
  app: "web",
  service: "web",
  ports: ["0.0.0.0:8080->80/tcp"],
  created: 1_700_000_000,
  labels: { "wharf.tenant": "acme" },
};
const variants: Partial<ContainerRecord>[] = [
  { id: "b".repeat(64) },
  { name: "web-2" },
  { image: "nginx:1.26" },
  { state: "exited" },
  { status: "Up (healthy)" },
  { since: null },
  { since: 1_700_000_000_124 },
  { hostId: "h2" },
  { tenant: null },
  { project: "other" },
  { app: null },
  { service: "db" },
  { ports: [] },
  { ports: ["0.0.0.0:8081->80/tcp"] },
  { ports: ["0.0.0.0:8080->80/tcp", "443/tcp"] },
  { created: 1 },
];

describe("entry", () => {
  it("sameView tells exactly what viewJson would", () => {
    const copy: ContainerRecord = { ...base, ports: [...base.ports], labels: {} };
    expect(sameView(base, copy)).toBe(true);
    for (const v of variants) {
      const other = { ...base, ...v };
      expect(sameView(base, other), JSON.stringify(v)).toBe(false);
      expect(viewJson(base) === viewJson(other), JSON.stringify(v)).toBe(false);
    }
  });

  it("serializes the view model only, in a fixed key order", () => {
    const json = viewJson(makeEntry({ ...base, extra: 1 } as ContainerRecord, "h1"));
    // Every field of the contract (lib/validations), in its order; nothing else (`extra`, labels, search).
    expect(Object.keys(JSON.parse(json))).toEqual(ContainerView.keyof().options);
  });

  it("keeps a lower-case search text of name, image, short id and status", () => {
    expect(makeEntry({ ...base, status: "Exited (0)" }, "h1").search).toBe(
      "web-1\nnginx:1.25\naaaaaaaaaaaa\nexited (0)",
    );
  });
});
