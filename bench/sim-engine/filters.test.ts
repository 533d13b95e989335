import { describe, expect, it } from "vitest";
import {
  eventFilter,
  filterContainers,
  type HttpError,
  matchKVList,
  parseFilters,
  parseListOptions,
} from "./filters";
import { EngineState, type Container } from "./state";

const NOW = 1_800_000_000n * 1_000_000_000n;

/** Newest first, like the engine iterates: web(running), db(exited 1), job(created). */
function fixture(): Container[] {
  const s = new EngineState(0, 1, { labelFraction: 0, tenants: 1 });
  const web = s.create(
    {
      name: "web",
      image: "nginx:1.25",
      cmd: ["nginx"],
      labels: { "wharf.tenant": "t1", "wharf.app": "shop" },
    },
    NOW,
  );
  s.start(web, NOW);
  const db = s.create(
    { name: "db", image: "postgres:16", cmd: ["postgres"], labels: { "wharf.tenant": "t2" } },
    NOW + 1n,
  );
  s.start(db, NOW + 1n);
  s.die(db, 1, NOW + 2n);
  s.create({ name: "job", image: "busybox:latest", cmd: ["true"] }, NOW + 3n);
  return s.containers.slice().reverse();
}

function names(query: Record<string, string>): string[] {
  const opts = parseListOptions(new URLSearchParams(query));
  return filterContainers(fixture(), opts).map((c) => c.name);
}

function errorOf(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (err) {
    return err as HttpError;
  }
  throw new Error("expected an error");
}

describe("parseFilters", () => {
  it("accepts the map and the legacy list forms", () => {
    expect(parseFilters('{"label":{"a=b":true}}').get("label")).toEqual(new Set(["a=b"]));
    expect(parseFilters('{"label":["a","b=c"]}').get("label")).toEqual(new Set(["a", "b=c"]));
    expect(parseFilters("").size).toBe(0);
    expect(parseFilters(null).size).toBe(0);
  });

  it("rejects malformed JSON with a 400", () => {
    expect(errorOf(() => parseFilters("nope")).status).toBe(400);
  });
});

describe("container list filters (engine semantics)", () => {
  it("lists only running containers without all", () => {
    expect(names({})).toEqual(["web"]);
    expect(names({ all: "1" })).toEqual(["job", "db", "web"]);
    expect(names({ all: "true" })).toEqual(["job", "db", "web"]);
    expect(names({ all: "0" })).toEqual(["web"]);
  });

  it("status filters imply all and OR their values", () => {
    expect(names({ filters: '{"status":["exited"]}' })).toEqual(["db"]);
    expect(names({ filters: '{"status":["exited","created"]}' })).toEqual(["job", "db"]);
    expect(errorOf(() => names({ filters: '{"status":["bogus"]}' })).message).toBe(
      "Invalid filter 'status=bogus'",
    );
  });

  it("label filters match key or key=value and AND together", () => {
    expect(names({ all: "1", filters: '{"label":["wharf.tenant"]}' })).toEqual(["db", "web"]);
    expect(names({ all: "1", filters: '{"label":["wharf.tenant=t1"]}' })).toEqual(["web"]);
    expect(names({ all: "1", filters: '{"label":["wharf.tenant","wharf.app=shop"]}' })).toEqual(["web"]);
    expect(names({ all: "1", filters: '{"label":["wharf.tenant=t2","wharf.app"]}' })).toEqual([]);
    expect(matchKVList(parseFilters('{"label":["a"]}'), "label", {})).toBe(false);
  });

  it("name and id filters are unanchored regular expressions", () => {
    expect(names({ all: "1", filters: '{"name":["^/we"]}' })).toEqual(["web"]);
    expect(names({ all: "1", filters: '{"name":["b$"]}' })).toEqual(["job", "db", "web"]);
    expect(names({ all: "1", filters: '{"name":["o"]}' })).toEqual(["job"]);
    const id = fixture()[1].id;
    expect(names({ all: "1", filters: JSON.stringify({ id: [id.slice(0, 8)] }) })).toEqual(["db"]);
  });

  it("limit implies all and keeps the newest", () => {
    expect(names({ limit: "2" })).toEqual(["job", "db"]);
    expect(errorOf(() => names({ limit: "abc" })).status).toBe(500);
  });

  it("exited filter matches exit codes of stopped containers", () => {
    expect(names({ all: "1", filters: '{"exited":["1"]}' })).toEqual(["db"]);
    expect(names({ all: "1", filters: '{"exited":["0"]}' })).toEqual([]);
  });

  it("rejects unknown filters like the engine and unsimulated ones loudly", () => {
    expect(errorOf(() => names({ filters: '{"foo":["x"]}' })).message).toBe("Invalid filter 'foo'");
    expect(errorOf(() => names({ filters: '{"ancestor":["x"]}' })).status).toBe(400);
  });
});

describe("event filters", () => {
  const ev = {
    action: "start",
    actorId: "abcdef123",
    attributes: { image: "nginx:1.25", name: "web", "wharf.tenant": "t1" },
  };
  const f = (json: string) => eventFilter(parseFilters(json));

  it("returns null (no filtering) for empty filters", () => {
    expect(f("")).toBeNull();
  });

  it("applies type, event, container, label and image like the engine", () => {
    expect(f('{"type":["container"]}')!(ev)).toBe(true);
    expect(f('{"type":["image"]}')!(ev)).toBe(false);
    expect(f('{"event":["start","die"]}')!(ev)).toBe(true);
    expect(f('{"event":["stop"]}')!(ev)).toBe(false);
    expect(f('{"container":["abc"]}')!(ev)).toBe(true); // id prefix
    expect(f('{"container":["we"]}')!(ev)).toBe(true); // name prefix
    expect(f('{"container":["zzz"]}')!(ev)).toBe(false);
    expect(f('{"label":["wharf.tenant=t1"]}')!(ev)).toBe(true);
    expect(f('{"label":["wharf.tenant=t2"]}')!(ev)).toBe(false);
    expect(f('{"image":["nginx"]}')!(ev)).toBe(true);
    expect(f('{"network":["bridge"]}')!(ev)).toBe(false);
  });
});
