import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { serviceDefaults as base } from "./fixtures/specs";
import { parseCompose } from "./parse";
import { checkAdmission } from "../policy/admission";
import type { AppSpec } from "./spec";

const text = readFileSync(new URL("./fixtures/voting-app.yml", import.meta.url), "utf8");

const expected: AppSpec = {
  name: "voting-app",
  services: {
    vote: {
      ...base,
      image: "wharf-sample/vote:latest",
      ports: [{ target: 80, published: 5000, protocol: "tcp" }],
      networks: ["front-tier", "back-tier"],
      dependsOn: { redis: { condition: "service_healthy" } },
      replicas: 2,
    },
    result: {
      ...base,
      image: "wharf-sample/result:latest",
      ports: [{ target: 80, published: 5001, protocol: "tcp" }],
      networks: ["front-tier", "back-tier"],
      dependsOn: { db: { condition: "service_healthy" } },
    },
    worker: {
      ...base,
      image: "wharf-sample/worker:latest",
      networks: ["back-tier"],
      dependsOn: { redis: { condition: "service_healthy" }, db: { condition: "service_healthy" } },
    },
    redis: {
      ...base,
      image: "redis:alpine",
      networks: ["back-tier"],
      healthcheck: {
        test: ["CMD", "redis-cli", "ping"],
        intervalMs: 5000,
        timeoutMs: 3000,
        retries: 5,
        startPeriodMs: 0,
      },
    },
    db: {
      ...base,
      image: "postgres:15-alpine",
      environment: { POSTGRES_USER: "postgres", POSTGRES_PASSWORD: "postgres" },
      volumes: [{ type: "volume", source: "db-data", target: "/var/lib/postgresql/data", readOnly: false }],
      networks: ["back-tier"],
      healthcheck: {
        test: ["CMD-SHELL", "pg_isready -U postgres"],
        intervalMs: 5000,
        timeoutMs: 3000,
        retries: 10,
        startPeriodMs: 10_000,
      },
    },
  },
  networks: { "front-tier": {}, "back-tier": {} },
  volumes: { "db-data": {} },
};

describe("the voting app fixture", () => {
  it("parses into the expected AppSpec with no warnings", () => {
    expect(parseCompose(text)).toEqual({ ok: true, spec: expected, warnings: [] });
  });

  it("is admitted for a non-admin user", () => {
    const r = parseCompose(text);
    expect(r.ok && checkAdmission(r.spec, { isAdmin: false })).toEqual({ allowed: true });
  });
});
