// The compose folder the repository and archive tests deploy: a relative build, an env_file, an include, an
// extends from another file and a file secret, each visible in the containers.
import { execFileSync } from "node:child_process";
import { expect } from "vitest";
import { engine } from "../deploy/helpers";

export const sh = (id: string, cmd: string) =>
  execFileSync("docker", ["exec", id, "sh", "-c", cmd]).toString().trim();
export const containers = async (appId: string, service: string) =>
  engine.listContainers({
    filters: { label: [`wharf.app=${appId}`, `wharf.service=${service}`], status: ["running"] },
  });

/** Each file of the folder took effect in the app's running containers. */
export async function expectShopRunning(appId: string, hello: string, greeting: string) {
  const [web] = await containers(appId, "web");
  const [db] = await containers(appId, "db");
  const [worker] = await containers(appId, "worker");
  expect(sh(web.Id, "cat /hello.txt")).toBe(hello);
  expect(sh(web.Id, "echo $GREETING")).toBe(greeting);
  expect(sh(web.Id, "cat /run/secrets/token")).toBe("file-secret-value");
  expect(sh(db.Id, "echo $INCLUDED")).toBe("yes");
  expect(sh(worker.Id, "echo $EXTENDED")).toBe("from-base");
  expect(sh(web.Id, "cat /etc/app.conf")).toBe("setting=from-folder");
  expect(sh(web.Id, "cat /data/hello.txt")).toBe("seeded");
  const mounts = (await engine.getContainer(web.Id).inspect()).Mounts;
  expect(mounts.find((m) => m.Destination === "/data")?.Type).toBe("volume");
  expect(mounts.filter((m) => m.Type === "bind")).toEqual([]);
}
export const shopFolder = (greeting: string, hello: string): Record<string, string> => ({
  "compose.yaml": [
    "include: [db/compose.yaml]",
    "services:",
    "  web:",
    "    build: ./web",
    "    command: [sleep, '3600']",
    "    env_file: web.env",
    "    secrets: [token]",
    "    volumes: [./conf/app.conf:/etc/app.conf:ro, ./seed:/data]",
    "  worker:",
    "    extends: { file: common/base.yaml, service: worker }",
    "    command: [sleep, '3600']",
    "secrets:",
    "  token: { file: ./token.txt }",
    "",
  ].join("\n"),
  "web/Dockerfile": "FROM wharf-busybox:latest\nCOPY hello.txt /hello.txt\n",
  "web/hello.txt": `${hello}\n`,
  "web.env": `GREETING=${greeting}\n`,
  "token.txt": "file-secret-value\n",
  // Relative bind mounts: a file becomes a config, a folder an app volume seeded with its files.
  "conf/app.conf": "setting=from-folder\n",
  "seed/hello.txt": "seeded\n",
  "db/compose.yaml":
    "services:\n  db:\n    image: redis:alpine\n    command: [sleep, '3600']\n    environment: [INCLUDED=yes]\n",
  "common/base.yaml":
    "services:\n  worker:\n    image: busybox:latest\n    environment: [EXTENDED=from-base]\n",
});
