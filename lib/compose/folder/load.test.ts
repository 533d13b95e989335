import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FolderError, openFolder } from "./contained";
import { loadComposeFolder, type LoadedFolder } from "./load";
import { checkAdmission } from "../../policy/admission";
import { parseCompose } from "../parse";

let root = "";
const write = async (rel: string, text: string) => {
  await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
  await fs.writeFile(path.join(root, rel), text);
};
/** Writes each file of `files` (path inside the folder → text). */
const writeFiles = async (files: Record<string, string>) => {
  for (const [rel, text] of Object.entries(files)) await write(rel, text);
};

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "wharf-folder-test-"));
  await writeFiles({
    "compose.yaml": [
      "include: [lib/db.yaml]",
      "services:",
      "  web:",
      "    build: ./web",
      "    env_file: web.env",
      "    environment: [OWN=1]",
      "    secrets: [token]",
      "  worker:",
      "    extends: { file: common/base.yaml, service: worker }",
      '    command: ["run", "${MODE}"]',
      "secrets:",
      "  token: { file: ./secret.txt }",
      "",
    ].join("\n"),
    "compose.override.yaml": "services:\n  web:\n    environment: [FROM_OVERRIDE=yes]\n",
    ".env": "MODE=fast\nTAG=1.0\n",
    "web.env": "GREETING=hello\nOWN=from-file\n",
    "web/Dockerfile": "FROM scratch\n",
    "secret.txt": "s3cret\n",
    "lib/db.yaml": "services:\n  db:\n    image: redis:${TAG}\n    env_file: db.env\n",
    "lib/db.env": "DB=yes\n",
    "common/base.yaml":
      "services:\n  base: { image: busybox, labels: [a=b] }\n  worker: { extends: base, environment: [W=1] }\n",
  });
  await fs.symlink("/etc/hostname", path.join(root, "escape.txt"));
  await fs.symlink("..", path.join(root, "up"));
  await fs.symlink("/etc", path.join(root, "etc-link"));
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

/** Loads one compose file of the folder alone: no override file, no variables. */
const loadOne = async (composeFile: string) =>
  loadComposeFolder(await openFolder(root), { composeFile, overrideFiles: [], variables: {} });
/** The FolderError that loading `composeFile` throws (the test fails if it loads or throws anything else). */
const refusalOf = async (composeFile: string): Promise<FolderError> => {
  const err = await loadOne(composeFile).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof FolderError)) throw new Error(`${composeFile}: no FolderError but ${String(err)}`);
  return err;
};

/** The spec of a loaded folder, as the deploy parses it (the test fails on a parse error). */
const specOf = (loaded: LoadedFolder, variables: Record<string, string> = {}) => {
  const r = parseCompose(loaded.text, { variables, folder: { files: loaded.files } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.spec;
};

describe("loadComposeFolder", () => {
  it("inlines env_file, include, extends.file, override and .env, and reads file: secrets", async () => {
    const loaded = await loadComposeFolder(await openFolder(root), { variables: {} });
    expect(loaded.overrideFiles).toEqual(["compose.override.yaml"]);
    expect(loaded.dotenv).toEqual({ MODE: "fast", TAG: "1.0" });
    const spec = specOf(loaded, loaded.dotenv);
    const { web, worker, db } = spec.services;
    expect(web.environment).toMatchObject({ GREETING: "hello", OWN: "1", FROM_OVERRIDE: "yes" });
    expect(web.build).toMatchObject({ context: "./web", folder: true });
    expect(db.image).toBe("redis:1.0");
    expect(db.environment).toMatchObject({ DB: "yes" });
    expect(worker.image).toBe("busybox");
    expect(worker.labels).toMatchObject({ a: "b" });
    expect(worker.environment).toMatchObject({ W: "1" });
    expect(worker.command).toEqual(["run", "fast"]);
    expect(spec.secrets?.token.content).toBe("s3cret\n");
  });

  it.each([
    ["env_file: ../outside.env", "services.web.env_file", "outside"],
    ["env_file: /etc/hostname", "services.web.env_file", "absolute path"],
    ["env_file: escape.txt", "services.web.env_file", "symbolic link"],
    ["env_file: etc-link/hostname", "services.web.env_file", "symbolic link"],
    ["env_file: file:///etc/hostname", "services.web.env_file", "URL"],
    ["build: ../", "services.web.build", "outside"],
    ["build: { context: up }", "services.web.build.context", "symbolic link"],
  ])("refuses %s naming %s", async (line, field, why) => {
    await write("escape.yaml", `services:\n  web:\n    image: busybox\n    ${line}\n`);
    const err = await refusalOf("escape.yaml");
    expect(err.field).toBe(field);
    expect(err.message).toContain(why);
  });

  it("refuses a file: secret outside the folder", async () => {
    await write(
      "escape.yaml",
      "services:\n  web: { image: busybox }\nsecrets:\n  s: { file: /etc/passwd }\n",
    );
    const err = await refusalOf("escape.yaml");
    expect(err.field).toBe("secrets.s.file");
  });

  it("an include item with several paths is one model, later files overriding (a third-party file customized)", async () => {
    await writeFiles({
      "multi.yaml":
        "include:\n  - path: [third/compose.yaml, third-override.yaml]\nservices:\n  app: { image: app }\n",
      "third/compose.yaml": "services:\n  queue:\n    image: redis:alpine\n    environment: [A=1]\n",
      "third-override.yaml": "services:\n  queue:\n    image: redis:7\n    environment: [B=2]\n",
    });
    const loaded = await loadOne("multi.yaml");
    const spec = specOf(loaded);
    expect(spec.services.queue.image).toBe("redis:7");
    expect(spec.services.queue.environment).toEqual({ A: "1", B: "2" });
  });

  it("a pasted file (no folder) still refuses relative builds and file: secrets", () => {
    const r = parseCompose("services:\n  web: { build: ./web }\nsecrets:\n  s: { file: ./x }\n");
    expect(r.ok).toBe(false);
  });

  it("gives relative bind mounts a managed meaning: a file → a config, a folder → a seeded app volume, never a host path", async () => {
    await writeFiles({
      "conf/nginx.conf": "worker_processes 1;\n",
      "site/index.html": "<h1>hi</h1>\n",
      "site/css/app.css": "body{}\n",
      ".gitkeep": "",
      "mounts.yaml": [
        "services:",
        "  web:",
        "    image: busybox",
        "    volumes:",
        "      - ./conf/nginx.conf:/etc/nginx/nginx.conf:ro",
        "      - ./site:/usr/share/nginx/html",
        "      - { type: bind, source: ./site, target: /ro, read_only: true }",
        "      - ./data:/data",
        "      - named:/named",
        "volumes: { named: {} }",
        "",
      ].join("\n"),
    });
    const loaded = await loadOne("mounts.yaml");
    const spec = specOf(loaded);
    const web = spec.services.web;
    expect(web.volumes.map((v) => [v.type, v.source, v.target, v.readOnly])).toEqual([
      ["volume", "folder-site", "/usr/share/nginx/html", false],
      ["volume", "folder-data", "/data", false],
      ["volume", "named", "/named", false],
    ]);
    expect(Object.keys(spec.volumes ?? {}).sort()).toEqual(["folder-data", "folder-site", "named"]);
    const targets = Object.fromEntries(
      (web.configs ?? []).map((c) => [c.target, spec.configs?.[c.source]?.content]),
    );
    expect(targets).toEqual({
      "/etc/nginx/nginx.conf": "worker_processes 1;\n",
      "/usr/share/nginx/html/index.html": "<h1>hi</h1>\n",
      "/usr/share/nginx/html/css/app.css": "body{}\n",
      "/ro/index.html": "<h1>hi</h1>\n",
      "/ro/css/app.css": "body{}\n",
    });
    expect(checkAdmission(spec, { isAdmin: false }).allowed).toBe(true);
  });

  it.each([
    ["../outside:/x", "outside"],
    ["./etc-link:/x", "symbolic link"],
    ["./up:/x", "symbolic link"],
  ])("refuses the bind mount %s", async (volume, why) => {
    await write("escape.yaml", `services:\n  web:\n    image: busybox\n    volumes: ["${volume}"]\n`);
    const err = await refusalOf("escape.yaml");
    expect(err.field).toBe("services.web.volumes[0]");
    expect(err.message).toContain(why);
  });
});
