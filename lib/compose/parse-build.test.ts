// build: is read into ServiceSpec.build; the context must be a git repository (lib/validations/git-url.ts rules).
import { describe, expect, it } from "vitest";
import { serviceDefaults, specOf } from "./fixtures/specs";
import { isLocalContext } from "./normalize-build";
import { parseCompose } from "./parse";
import { AppSpecSchema } from "./spec";

describe("parseCompose: build", () => {
  it("reads a git URL string with a #ref; the image may be left out", () => {
    const s = specOf("services:\n  web:\n    build: https://git.example.com/team/web.git#v1.2\n");
    expect(s.services.web.image).toBe("");
    expect(s.services.web.build).toEqual({
      context: "https://git.example.com/team/web.git",
      ref: "v1.2",
      dockerfile: "Dockerfile",
      args: {},
    });
  });

  it("warns about each build key a Wharf build does not apply", () => {
    const r = parseCompose(
      "services:\n  web:\n    build:\n      context: https://git.example.com/team/web.git\n      cache_from: [web:1]\n      ssh: [default]\n",
    );
    expect(r.ok && r.warnings.filter((w) => w.includes("ignored"))).toEqual([
      expect.stringContaining("services.web.build.cache_from"),
      expect.stringContaining("services.web.build.ssh"),
    ]);
  });

  it("reads the map form: context, dockerfile, args (map or list), target; keeps image: when given", () => {
    const s = specOf(
      "services:\n  web:\n    image: web:1.0\n    build:\n      context: git@git.example.com:team/web.git\n      dockerfile: docker/Dockerfile.prod\n      args: [VERSION=1, MODE=prod]\n      target: runtime\n",
    );
    expect(s.services.web.image).toBe("web:1.0");
    expect(s.services.web.build).toEqual({
      context: "git@git.example.com:team/web.git",
      dockerfile: "docker/Dockerfile.prod",
      args: { VERSION: "1", MODE: "prod" },
      target: "runtime",
    });
    const m = specOf("services:\n  web:\n    build: {context: 'ssh://git@h/r.git', args: {N: 3}}\n");
    expect(m.services.web.build?.args).toEqual({ N: "3" });
  });

  it("accepts file:// and absolute paths in the parser (only admins pass admission with them)", () => {
    const s = specOf(
      "services:\n  web:\n    build: {context: 'file:///srv/repos/web'}\n  api:\n    build: /srv/repos/api\n",
    );
    expect(isLocalContext(s.services.web.build!.context)).toBe(true);
    expect(isLocalContext(s.services.api.build!.context)).toBe(true);
    expect(isLocalContext("https://example.com/r.git")).toBe(false);
  });

  it("the AppSpec schema checks build contexts too (specs sent as JSON)", () => {
    const spec = (build: unknown, image = "") => ({
      services: { web: { ...serviceDefaults, image, build } },
      networks: {},
      volumes: {},
    });
    expect(
      AppSpecSchema.safeParse(spec({ context: "https://e.com/r.git", dockerfile: "Dockerfile", args: {} }))
        .success,
    ).toBe(true);
    const bad = AppSpecSchema.safeParse(
      spec({ context: "--upload-pack=touch /tmp/x", dockerfile: "Dockerfile", args: {} }),
    );
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path).toEqual(["services", "web", "build", "context"]);
    const none = AppSpecSchema.safeParse(spec(undefined));
    expect(none.error!.issues[0].path).toEqual(["services", "web", "image"]);
  });
});
