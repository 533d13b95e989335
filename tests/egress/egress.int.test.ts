// The egress policy against the real engine and real servers on loopback: the admin allow-list API;
// a developer's ADD from loopback; a registry whose token realm points at another port; git URLs to a
// closed and an open port; a build's RUN and an app container trying Wharf's own port. Each way out is
// refused first, and then allowed once an admin's allow-list entry names the target.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNamespace, NS_ADDRESSES, NS_PORT, type TestNamespace } from "./netns";
import {
  closedPort,
  fileServer,
  gitHost,
  redirector,
  registryWithRealm,
  silentPort,
  type Recorded,
} from "./servers";
import {
  BASE,
  buildLocalImage,
  engine,
  finish,
  startSuite,
  stopSuite,
  uniq,
  waitForLog,
  type Suite,
} from "../builds/helpers";
import { deployComposeApp, removeTenantObjects } from "../deploy/helpers";
import { until } from "../helpers/until";
import { startWharfServer } from "../helpers/wharf-server";

const REFUSED = "refused by the egress policy";
const GIT_UNREACHABLE = "cannot reach the repository (or it does not answer like a git server)";
let s: Suite;
let git: Awaited<ReturnType<typeof gitHost>>;
let gitRoot = "";
let wharfPort = 0;
let serverEnv: Record<string, string> = {};
const toClose: Recorded[] = [];
const toRemove: string[] = [];
const allowed: string[] = [];

beforeAll(async () => {
  gitRoot = fs.mkdtempSync("/tmp/wharf-egress-git-");
  const sh = (cwd: string, ...args: string[]) =>
    execFileSync("git", ["-c", "user.email=t@wharf.test", "-c", "user.name=T", ...args], { cwd });
  fs.mkdirSync(path.join(gitRoot, "src"));
  sh(path.join(gitRoot, "src"), "init", "-q", "-b", "main");
  fs.writeFileSync(path.join(gitRoot, "src", "Dockerfile"), `FROM ${BASE}\nRUN echo from-git\n`);
  sh(path.join(gitRoot, "src"), "add", "Dockerfile");
  sh(path.join(gitRoot, "src"), "commit", "-qm", "one");
  sh(gitRoot, "clone", "-q", "--bare", "src", "repo.git");
  git = await gitHost(gitRoot);
  // Listening on every interface, as `scripts/run.sh` does: what containers could reach through a bridge.
  serverEnv = {
    HOST: "0.0.0.0",
    GIT_SSL_CAINFO: git.caFile,
    WHARF_EGRESS_ALLOW: "[fd00:dead:beef::]/64:9",
  };
  s = await startSuite(serverEnv);
  wharfPort = Number(new URL(s.server.baseUrl).port);
});

afterAll(async () => {
  // (The last test stops the server; its allow-list goes with its database.)
  if (s) await removeTenantObjects([s.tenantId]);
  await stopSuite(s);
  for (const r of [git, ...toClose]) await r?.close();
  for (const image of toRemove)
    await engine
      .getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
  fs.rmSync(gitRoot, { recursive: true, force: true });
});

async function allow(entry: string): Promise<string> {
  const res = await s.admin.post("/egress/allow", { entry, note: "egress test" });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  allowed.push(res.body.id);
  return res.body.id;
}

const inlineBuild = (dockerfile: string) =>
  s.dev.post("/builds", {
    projectId: s.projectId,
    hostId: s.hostId,
    sourceType: "inline",
    inline: { dockerfile },
  });

async function built(dockerfile: string) {
  const res = await inlineBuild(dockerfile);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return finish(s.dev, res.body.id);
}

describe("the admin allow-list", () => {
  it("is read and changed by admins only, validated, audited, and documented", async () => {
    expect((await s.dev.get("/egress/allow")).status).toBe(403);
    expect((await s.dev.post("/egress/allow", { entry: "127.0.0.1:1" })).status).toBe(403);
    const bad = await s.admin.post("/egress/allow", { entry: "localhost:5000" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.entry).toMatch(/CIDR/);
    const id = await allow("127.0.0.1:5999");
    const list = (await s.admin.get("/egress/allow")).body.items;
    expect(list).toContainEqual(expect.objectContaining({ id, entry: "127.0.0.1/32:5999", source: "admin" }));
    expect(list).toContainEqual(
      expect.objectContaining({ entry: "[fd00:dead:beef::]/64:9", source: "environment" }),
    );
    expect((await s.admin.post("/egress/allow", { entry: "127.0.0.1/32:5999" })).status).toBe(409);
    expect((await s.admin.delete(`/egress/allow/${id}`)).status).toBe(204);
    expect((await s.admin.delete(`/egress/allow/${id}`)).status).toBe(404);
    const audit = (await s.admin.get("/audit?action=egress.allow.add&limit=50")).body.items;
    expect(audit.map((e: { outcome: string }) => e.outcome)).toEqual(
      expect.arrayContaining(["success", "failure", "denied"]),
    );
    const removed = (await s.admin.get("/audit?action=egress.allow.remove&limit=50")).body.items;
    expect(removed[0]).toMatchObject({ outcome: expect.any(String), detail: expect.anything() });
    const doc = await fetch(`${s.server.baseUrl}/api/v1/openapi.json`).then((r) => r.json());
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/egress/allow", "/egress/allow/{id}"]));
  });
});

describe("a developer's ADD from loopback", () => {
  it("is refused (continued lines, a second stage, --checksum), and nothing reaches the server", async () => {
    const secret = uniq("secret");
    const files = await fileServer(secret);
    toClose.push(files);
    const url = `http://127.0.0.1:${files.port}/s`;
    const plain = await built(`FROM ${BASE} AS base\nRUN true\nFROM base\nADD \\\n  ${url} /s\nRUN cat /s\n`);
    expect(plain.build.status, plain.log).toBe("failed");
    expect(plain.build.error).toBe(
      `Dockerfile line 4: ADD ${url}: ${REFUSED} (COPY the file into the build context instead, or ask an admin to allow-list the address)`,
    );
    const checksum = await built(`FROM ${BASE}\nadd --checksum=sha256:${"0".repeat(64)} ${url} /s\n`);
    expect(checksum.build.error).toContain(REFUSED);
    const variable = await built(`FROM ${BASE}\nARG U=${url}\nADD $U /s\n`);
    expect(variable.build.error).toMatch(/line 3: "\$U" uses a variable/);
    expect(files.hits).toEqual([]);
    expect(plain.log + checksum.log).not.toContain(secret);
  });

  it("is allowed once the allow-list names the address and port", async () => {
    const secret = uniq("secret");
    const files = await fileServer(secret);
    toClose.push(files);
    await allow(`127.0.0.1/32:${files.port}`);
    const ok = await built(
      `FROM ${BASE}\nADD http://127.0.0.1:${files.port}/s /s\nRUN cat /s && echo && stat -c 'mode=%a' /s\n`,
    );
    expect(ok.build.status, ok.log).toBe("succeeded");
    expect(ok.log).toContain(secret);
    // Fetched by Wharf (Node sends no User-Agent), not by the engine (Go-http-client), with ADD's mode.
    expect(files.hits.length).toBeGreaterThan(0);
    expect(files.hits.map((h) => h.userAgent)).not.toContainEqual(expect.stringMatching(/Go-http-client/));
    expect(ok.log).toContain("mode=600");
  });
});

describe("a registry whose token realm is on another port", () => {
  it("gets no credentials sent to the realm until the allow-list names it", async () => {
    const { registry, realm } = await registryWithRealm();
    toClose.push(registry, realm);
    const password = uniq("pw");
    const create = () =>
      s.dev.post("/registries", {
        tenantId: s.tenantId,
        name: uniq("Fake"),
        url: `127.0.0.1:${registry.port}`,
        username: "tenant-user",
        password,
      });
    // The registry itself is on loopback: refused before any connection.
    const first = await create();
    expect(first.status).toBe(422);
    expect(first.body.error.fields.url).toContain(REFUSED);
    expect(registry.hits).toEqual([]);
    // The registry allowed, its realm (another port) not: the realm hears nothing.
    await allow(`127.0.0.1/32:${registry.port}`);
    const second = await create();
    expect(second.status).toBe(422);
    expect(second.body.error.message).toContain(`the token realm of 127.0.0.1:${registry.port}: ${REFUSED}`);
    expect(registry.hits.length).toBeGreaterThan(0);
    expect(registry.hits.every((h) => h.authorization === "")).toBe(true);
    expect(realm.hits).toEqual([]);
    expect(JSON.stringify([first.body, second.body])).not.toContain(password);
    // Named on the allow-list: the login goes through the realm, as `docker login` would.
    await allow(`127.0.0.1/32:${realm.port}`);
    const third = await create();
    expect(third.status, JSON.stringify(third.body)).toBe(201);
    expect(realm.hits).toHaveLength(1);
    expect(realm.hits[0].authorization).toBe(
      `Basic ${Buffer.from(`tenant-user:${password}`).toString("base64")}`,
    );
  });
});

describe("git URLs to a closed and an open port", () => {
  const gitBuild = (port: number) =>
    s.dev.post("/builds", {
      projectId: s.projectId,
      hostId: s.hostId,
      sourceType: "git",
      git: { url: `https://127.0.0.1:${port}/repo.git` },
    });

  it("give the same error, refused or allowed, and a real git host builds once allowed", async () => {
    const closed = await closedPort();
    const open = await silentPort();
    toClose.push(open);
    const refused = [await gitBuild(closed), await gitBuild(open.port), await gitBuild(git.port)];
    for (const r of refused) {
      expect(r.status).toBe(422);
      expect(r.body.error.fields["git.url"]).toBe(REFUSED);
    }
    expect(open.hits).toEqual([]);
    expect(git.hits).toEqual([]);
    await allow(`127.0.0.1/32:${closed}`);
    await allow(`127.0.0.1/32:${open.port}`);
    const unreachable = [await gitBuild(closed), await gitBuild(open.port)];
    expect(unreachable.map((r) => r.body.error.fields["git.url"])).toEqual([
      GIT_UNREACHABLE,
      GIT_UNREACHABLE,
    ]);
    expect(open.hits.length).toBeGreaterThan(0);
    await allow(`127.0.0.1/32:${git.port}`);
    const res = await gitBuild(git.port);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { build, log } = await finish(s.dev, res.body.id);
    expect(build.status, log).toBe("succeeded");
    expect(log).toContain("from-git");
  });
});

describe("redirects, at every hop", () => {
  // A server the allow-list names, answering with a redirect to `target` (loopback, not allowed).
  let hidden: Recorded;
  let hop: Recorded;
  let closed = 0;
  beforeAll(async () => {
    hidden = await fileServer(uniq("hidden"));
    closed = await closedPort();
    hop = await redirector((p) =>
      p.startsWith("/closed")
        ? `http://127.0.0.1:${closed}/x`
        : p.startsWith("/hex")
          ? `http://0x7f.1:${hidden.port}/x`
          : p.startsWith("/v6")
            ? `http://[::ffff:127.0.0.1]:${hidden.port}/x`
            : p.startsWith("/meta")
              ? "http://169.254.169.254/latest/meta-data/x"
              : `http://127.0.0.1:${hidden.port}${p}`,
    );
    toClose.push(hidden, hop);
    await allow(`127.0.0.1/32:${hop.port}`);
  });

  it("ADD: a redirect to loopback (any spelling) or metadata is refused at the hop, open or closed alike", async () => {
    const errors: string[] = [];
    for (const p of ["open/s", "closed/s", "hex/s", "v6/s", "meta/s"]) {
      const r = await built(`FROM ${BASE}\nADD http://127.0.0.1:${hop.port}/${p} /s\nRUN cat /s\n`);
      expect(r.build.status, r.log).toBe("failed");
      errors.push(r.build.error.replace(p, "P"));
    }
    expect(new Set(errors).size, errors.join("\n")).toBe(1);
    expect(errors[0]).toContain(REFUSED);
    expect(hidden.hits).toEqual([]);
    expect(hop.hits.length).toBe(5);
    expect(hop.hits.map((h) => h.userAgent)).not.toContainEqual(expect.stringMatching(/Go-http-client/));
  });

  it("ADD: the same redirect is followed once the allow-list names its target", async () => {
    const id = await allow(`127.0.0.1/32:${hidden.port}`);
    const r = await built(
      `FROM ${BASE}\nADD http://127.0.0.1:${hop.port}/open/f.txt /d/\nRUN cat /d/f.txt\n`,
    );
    expect(r.build.status, r.log).toBe("succeeded");
    expect(hidden.hits.map((h) => h.url)).toEqual(["/open/f.txt"]);
    expect(hidden.hits[0].userAgent).not.toMatch(/Go-http-client/);
    expect((await s.admin.delete(`/egress/allow/${id}`)).status).toBe(204);
    hidden.hits.length = 0;
  });

  it("registry and token realm: a redirect is not followed, and no credentials reach its target", async () => {
    const password = uniq("pw");
    const registry = () =>
      s.dev.post("/registries", {
        tenantId: s.tenantId,
        name: uniq("Redirect"),
        url: `http://127.0.0.1:${hop.port}`,
        username: "u",
        password,
      });
    const res = await registry();
    expect(res.status).toBe(422);
    expect(res.body.error.fields.url).toBe(`cannot reach a registry at 127.0.0.1:${hop.port}`);
    // A realm that redirects: the registry names an allowed realm, which sends the login on.
    const { registry: reg, realm } = await registryWithRealm(`http://127.0.0.1:${hop.port}/token`);
    toClose.push(reg, realm);
    await allow(`127.0.0.1/32:${reg.port}`);
    const viaRealm = await s.dev.post("/registries", {
      tenantId: s.tenantId,
      name: uniq("Realm"),
      url: `127.0.0.1:${reg.port}`,
      username: "u",
      password,
    });
    expect(viaRealm.status).toBe(422);
    expect(JSON.stringify(viaRealm.body)).not.toContain(password);
    expect(hop.hits.some((h) => h.url.startsWith("/token"))).toBe(true);
    expect(hidden.hits).toEqual([]);
  });

  it("git: a redirect is not followed, and its target hears nothing", async () => {
    git.moved.to = `https://127.0.0.1:${hidden.port}`;
    const res = await s.dev.post("/builds", {
      projectId: s.projectId,
      hostId: s.hostId,
      sourceType: "git",
      git: { url: `https://127.0.0.1:${git.port}/moved/repo.git` },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields["git.url"]).toBe(
      "the repository answered with a redirect; use the URL it redirects to",
    );
    expect(git.hits.some((h) => h.url.startsWith("/moved/"))).toBe(true);
    expect(hidden.hits).toEqual([]);
  });
  it("a base image whose ONBUILD trigger ADDs a URL is refused; an admin's build runs it (so the check can fail)", async () => {
    const image = `wharf-egress-onbuild:${uniq("t")}`;
    await buildLocalImage(
      image,
      `FROM ${BASE}\nONBUILD ADD http://127.0.0.1:${hidden.port}/onbuild.txt /o.txt\n`,
    );
    toRemove.push(image);
    // Built straight on the engine: no tenant's until an admin shares it (image ownership).
    expect((await s.admin.post("/images/shared", { reference: image, note: "egress test" })).status).toBe(
      201,
    );
    const dockerfile = `FROM ${image}\nRUN cat /o.txt\n`;
    const refused = await built(dockerfile);
    expect(refused.build.status, refused.log).toBe("failed");
    expect(refused.build.error).toContain(`image ${image}: its ONBUILD trigger`);
    expect(refused.build.error).toContain(REFUSED);
    expect(hidden.hits).toEqual([]);
    const res = await s.admin.post("/builds", {
      projectId: s.projectId,
      hostId: s.hostId,
      sourceType: "inline",
      inline: { dockerfile },
    });
    const admin = await finish(s.admin, res.body.id);
    expect(admin.build.status, admin.log).toBe("succeeded");
    expect(hidden.hits.map((h) => h.url)).toEqual(["/onbuild.txt"]);
  });
});

describe("hostile spellings of loopback", () => {
  it("are refused on every path, and nothing reaches the listener", async () => {
    const target = await fileServer(uniq("t"));
    toClose.push(target);
    const p = target.port;
    // (Registry URLs take host[:port] only, no brackets: IPv6 spellings are covered by the git and ADD cases.)
    for (const host of [
      `2130706433:${p}`,
      `0x7f.1:${p}`,
      `0177.0.0.1:${p}`,
      `127.1:${p}`,
      `api.localhost:${p}`,
    ]) {
      const reg = await s.dev.post("/registries", {
        tenantId: s.tenantId,
        name: uniq("Hostile"),
        url: host,
        username: "u",
        password: "p",
      });
      expect(reg.status, host).toBe(422);
      expect(reg.body.error.fields.url, host).toContain(REFUSED);
    }
    for (const url of [
      `https://2130706433:${p}/r.git`,
      `https://0x7f.1:${p}/r.git`,
      `https://allowed.example@127.0.0.1:${p}/r.git`,
      `https://[0:0:0:0:0:ffff:7f00:1]:${p}/r.git`,
      `ssh://git@0x7f.1:${p}/r.git`,
      `git@0x7f.1:r.git`,
      `https://localhost:${p}/r.git`,
    ]) {
      const res = await s.dev.post("/builds", {
        projectId: s.projectId,
        hostId: s.hostId,
        sourceType: "git",
        git: { url },
      });
      expect(res.status, url).toBe(422);
      expect(JSON.stringify(res.body.error), url).toMatch(/egress policy|credentials/);
    }
    for (const url of [
      `http://2130706433:${p}/s`,
      `http://allowed.example@127.0.0.1:${p}/s`,
      `http://[::1]:${p}/s`,
    ]) {
      const r = await built(`FROM ${BASE}\nADD ${url} /s\n`);
      expect(r.build.error, url).toContain(REFUSED);
      expect(r.build.error, url).not.toContain("allowed.example@");
    }
    expect(target.hits).toEqual([]);
  });
});

describe("an app image on a loopback registry", () => {
  it("is refused at plan time until the allow-list names the registry", async () => {
    const port = await closedPort();
    const compose = `services:\n  web:\n    image: 127.0.0.1:${port}/team/web:1\n`;
    const app = await s.dev.post(`/projects/${s.projectId}/apps`, {
      name: "pulls",
      hostId: s.hostId,
      mode: "standalone",
    });
    expect(app.status, JSON.stringify(app.body)).toBe(201);
    const plan = () => s.dev.post(`/apps/${app.body.app.id}/plan`, { source: { type: "compose", compose } });
    const refused = await plan();
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields["services.web.image"]).toBe(REFUSED);
    await allow(`127.0.0.1/32:${port}`);
    // Allowed: the policy no longer refuses it. The plan then pulls with the tenant's credentials (image
    // ownership), and nothing listens on that port, so it ends in the pull's own refusal, not the policy's.
    const allowed = await plan();
    expect(allowed.body.error?.fields?.["services.web.image"]).not.toBe(REFUSED);
    expect(JSON.stringify(allowed.body)).not.toContain("egress policy");
  });
});

/** Prints "reply: HTTP/1.1 200" when the host's Wharf port answers from inside the container, "reply: " when not. */
const probeScript = (target: string) =>
  `(printf 'GET /api/v1/openapi.json HTTP/1.0\\r\\n\\r\\n' | nc -w 3 ${target} ${wharfPort} | head -c 12; echo) | sed 's/^/reply: /'`;

const docker0 = () =>
  /inet (\d+\.\d+\.\d+\.\d+)/.exec(
    execFileSync("ip", ["-4", "addr", "show", "docker0"], { encoding: "utf8" }),
  )![1];

describe("Wharf's own port, from a build and from an app container", () => {
  it("a control container on the engine's default bridge does reach it (so the probes below can fail)", () => {
    const out = execFileSync(
      "docker",
      ["run", "--rm", BASE, "sh", "-c", probeScript("$(ip route | awk '/default/{print $3}')")],
      { encoding: "utf8" },
    );
    expect(out).toContain("reply: HTTP/1.1 200");
  });

  it("a build's RUN step cannot reach it until the allow-list names it", async () => {
    const dockerfile = (nonce: string) =>
      `FROM ${BASE}\nRUN echo ${nonce}; GW=$(ip route | awk '/default/{print $3}'); ${probeScript("$GW")}; ${probeScript(docker0())}\n`;
    const blocked = await built(dockerfile(uniq("n")));
    expect(blocked.build.status, blocked.log).toBe("succeeded");
    expect(blocked.log).toMatch(/reply: \s*\n/);
    expect(blocked.log).not.toContain("reply: HTTP");
    // Docker's address pools: the build network's gateway (this host) is in one of them.
    await allow(`172.16.0.0/12:${wharfPort}`);
    await allow(`192.168.0.0/16:${wharfPort}`);
    const open = await built(dockerfile(uniq("n")));
    expect(open.log.match(/reply: HTTP\/1\.1 200/g)).toHaveLength(2);
    // The build ran on a network of its own, removed afterwards.
    const nets = await engine.listNetworks({ filters: { label: [`wharf.tenant=${s.tenantId}`] } });
    expect(nets.filter((n) => n.Name.startsWith("wharf-build-"))).toEqual([]);
    for (const id of allowed.splice(-2))
      expect((await s.admin.delete(`/egress/allow/${id}`)).status).toBe(204);
  });

  it("an app container cannot reach it until the allow-list names it, and again not once removed", async () => {
    const target = docker0();
    const script = `while true; do if printf 'GET /api/v1/openapi.json HTTP/1.0\\r\\n\\r\\n' | nc -w 5 ${target} ${wharfPort} | grep -q HTTP/1.1; then echo REACHED; else echo BLOCKED; fi; sleep 1; done`;
    const compose = `services:\n  probe:\n    image: ${BASE}\n    command: ["sh", "-c", ${JSON.stringify(script)}]\n`;
    await deployComposeApp(s.dev, s.projectId, { name: "probe", hostId: s.hostId, compose });
    const [container] = await engine.listContainers({ filters: { label: [`wharf.tenant=${s.tenantId}`] } });
    const logs = async () =>
      (await engine.getContainer(container.Id).logs({ stdout: true, stderr: true, tail: 3 })).toString();
    await until("two refused probes", async () => /BLOCKED[\s\S]*BLOCKED/.test(await logs()), 30_000);
    expect(await logs()).not.toContain("REACHED");
    const id = await allow(`${target}/32:${wharfPort}`);
    await until("a probe through", async () => (await logs()).includes("REACHED"), 30_000);
    await s.admin.delete(`/egress/allow/${id}`);
    await until("refused again", async () => /BLOCKED\s*$/.test(await logs()), 30_000);
  });
});

describe("private, CGNAT, link-local, ULA and metadata addresses", () => {
  let ns: TestNamespace | undefined;
  beforeAll(async () => {
    ns = await createNamespace();
  });
  afterAll(() => ns?.remove());

  const registryAt = (host: string) =>
    s.dev.post("/registries", {
      tenantId: s.tenantId,
      name: uniq("Ns"),
      url: `${host}:${NS_PORT}`,
      username: "u",
      password: "p",
    });
  const gitAt = (host: string) =>
    s.dev.post("/builds", {
      projectId: s.projectId,
      hostId: s.hostId,
      sourceType: "git",
      git: { url: `https://${host}:${NS_PORT}/repo.git` },
    });

  it("are refused before any packet leaves (namespace addresses only; metadata is never contacted)", async () => {
    for (const addr of [
      NS_ADDRESSES.private,
      NS_ADDRESSES.cgnat,
      NS_ADDRESSES.linkLocal,
      "169.254.169.254",
    ]) {
      const res = await registryAt(addr);
      expect(res.status).toBe(422);
      expect(res.body.error.fields.url, addr).toContain(REFUSED);
    }
    const v6 = await gitAt(`[${NS_ADDRESSES.ula}]`);
    expect(v6.body.error.fields["git.url"]).toBe(REFUSED);
    const add = await built(`FROM ${BASE}\nADD http://${NS_ADDRESSES.private}:${NS_PORT}/ /x\n`);
    expect(add.build.error).toContain(REFUSED);
    expect(ns!.requests()).toBe(0);
  });

  it("are reached once the allow-list names their range", async () => {
    await allow(`10.250.77.0/30:${NS_PORT}`);
    await allow(`[fd77:e9e5::]/64:${NS_PORT}`);
    // Not a registry, and not TLS: the generic failure, after a real connection.
    const res = await registryAt(NS_ADDRESSES.private);
    expect(res.body.error.fields.url).toBe(`cannot reach a registry at ${NS_ADDRESSES.private}:${NS_PORT}`);
    const v6 = await gitAt(`[${NS_ADDRESSES.ula}]`);
    expect(v6.body.error.fields["git.url"]).toBe(GIT_UNREACHABLE);
    await until("requests in the namespace", async () => ns!.requests() >= 2, 5_000);
    // The CGNAT address is still refused: the entries name their ranges only.
    expect((await registryAt(NS_ADDRESSES.cgnat)).body.error.fields.url).toContain(REFUSED);
  });
});

describe("a build cut short by a server stop", () => {
  // A cold production server can take well over a minute to answer on this loaded 2-core machine.
  const RESTART_MS = 300_000;
  const networkExists = (buildId: string) =>
    engine
      .getNetwork(`wharf-build-${buildId}`)
      .inspect()
      .then(
        () => true,
        () => false,
      );
  /** A build whose step runs for two minutes, once its step container is running. */
  const longBuild = async () => {
    const nonce = uniq("n");
    const res = await s.admin.post("/builds", {
      projectId: s.projectId,
      hostId: s.hostId,
      sourceType: "inline",
      inline: { dockerfile: `FROM ${BASE}\nRUN echo "$((6*7))-${nonce}" && sleep 120\n` },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // Printed by the step itself (the step's own line shows "$((6*7))"): the step container is running.
    await waitForLog(s.admin, res.body.id, (t) => t.includes(`42-${nonce}`));
    expect(await networkExists(res.body.id)).toBe(true);
    return res.body.id as string;
  };
  // Builds still running get a second of the graceful stop (lib/graceful-stop.ts) instead of 10 s.
  const restart = async () => {
    s.server = await startWharfServer({
      port: wharfPort,
      dataDir: s.server.dataDir,
      env: { ...serverEnv, WHARF_BUILD_TMP_DIR: s.tmpDir, WHARF_SHUTDOWN_TIMEOUT_MS: "1000" },
    });
  };
  const interrupted = { status: "failed", error: expect.stringMatching(/^interrupted/) };

  it(
    "a crash leaves its build network until the server starts again",
    async () => {
      const id = await longBuild();
      await s.server.kill();
      expect(await networkExists(id)).toBe(true);
      await restart();
      await until("the build network removed", async () => !(await networkExists(id)), 60_000);
      expect((await s.admin.get(`/builds/${id}`)).body).toMatchObject(interrupted);
    },
    RESTART_MS,
  );

  it(
    "a graceful stop aborts it and removes its network before the server exits",
    async () => {
      const id = await longBuild();
      expect(await s.server.stop()).toMatchObject({ code: 0 });
      expect(await networkExists(id)).toBe(false);
      await restart();
      expect((await s.admin.get(`/builds/${id}`)).body).toMatchObject(interrupted);
    },
    RESTART_MS,
  );
});

describe("the host firewall", () => {
  const tag = () =>
    createHash("sha256")
      .update(path.resolve(path.join(s.server.dataDir, "wharf.db")))
      .digest("hex")
      .slice(0, 4);
  const rules = (cmd: string) => execFileSync(cmd, ["-S"], { encoding: "utf8" });

  it("has one jump for this installation's bridges in iptables and ip6tables, removed when Wharf stops", async () => {
    const chain = `WHARF-${tag().toUpperCase()}`;
    const jump = `-A INPUT -i wh${tag()}+ -j ${chain}`;
    for (const cmd of ["iptables", "ip6tables"])
      expect(
        rules(cmd)
          .split("\n")
          .filter((l) => l === jump),
        cmd,
      ).toHaveLength(1);
    // The environment's IPv6 entry is in the IPv6 chain only.
    expect(rules("ip6tables")).toContain(
      `-A ${chain} -d fd00:dead:beef::/64 -p tcp -m tcp --dport 9 -j RETURN`,
    );
    expect(rules("iptables")).not.toContain("fd00:dead:beef");
    await s.server.stop();
    expect(rules("iptables")).not.toContain(chain);
    expect(rules("ip6tables")).not.toContain(chain);
  });
});
