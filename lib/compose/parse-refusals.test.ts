// Each refusal names the key path and the line it is on.
import { describe, expect, it } from "vitest";
import { parseCompose, type ComposeError } from "./parse";

function errorsOf(text: string): ComposeError[] {
  const r = parseCompose(text);
  if (r.ok) throw new Error("expected the compose file to be refused");
  return r.errors;
}

const svc = (body: string, top = "") =>
  `services:\n  web:\n    image: nginx\n${body
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n")}\n${top}`;

type Refusal = { name: string; text: string; path: string; line: number; message?: string | RegExp };

const refusals: Refusal[] = [
  {
    name: "refuses a relative build: path, saying what to write instead",
    text: "services:\n  web:\n    build: .\n",
    path: "services.web.build",
    line: 3,
    message: /no folder for this app yet.*git URL/,
  },
  {
    name: "refuses a build context that git would read as an option",
    text: svc("build:\n  context: -uhttps://x/r.git"),
    path: "services.web.build.context",
    line: 5,
    message: "must not start with '-'",
  },
  {
    name: "refuses an ext:: build context",
    text: svc("build:\n  context: 'ext::sh%20-c%20touch'"),
    path: "services.web.build.context",
    line: 5,
    message: /remote helpers/,
  },
  {
    name: "refuses a git:// build context",
    text: svc("build:\n  context: git://example.com/r.git"),
    path: "services.web.build.context",
    line: 5,
    message: /git:\/\/ protocol is not allowed/,
  },
  {
    name: "refuses credentials in a build URL",
    text: svc("build:\n  context: https://u:p@example.com/r.git"),
    path: "services.web.build.context",
    line: 5,
    message: /credentials/,
  },
  {
    name: "refuses a #ref:subdir build context",
    text: svc("build: https://example.com/r.git#main:web"),
    path: "services.web.build",
    line: 4,
    message: /subdirectory/,
  },
  {
    name: "refuses a Dockerfile outside the repository",
    text: svc("build:\n  context: https://example.com/r.git\n  dockerfile: ../Dockerfile"),
    path: "services.web.build.dockerfile",
    line: 6,
    message: /relative path inside the repository/,
  },
  {
    name: "refuses env_file because the server's files are off limits",
    text: svc("env_file: .env"),
    path: "services.web.env_file",
    line: 4,
    message: /env_file/,
  },
  {
    name: "refuses a misspelled key",
    text: svc("imagee: nginx"),
    path: "services.web.imagee",
    line: 4,
    message: "imagee is not a Compose key — did you mean image?",
  },
  {
    name: "refuses a secret read from a file, saying it needs a folder",
    text: svc("") + "secrets:\n  s: {file: ./s}\n",
    path: "secrets.s.file",
    line: 6,
    message: /no folder for this app yet/,
  },
  {
    name: "refuses a deploy mode other than replicated and global",
    text: svc("deploy:\n  mode: daemon"),
    path: "services.web.deploy.mode",
    line: 5,
    message: /replicated, global/,
  },
  {
    name: "refuses replicas with mode: global",
    text: svc("deploy:\n  mode: global\n  replicas: 2"),
    path: "services.web.deploy.replicas",
    line: 6,
    message: /global/,
  },
  {
    name: "refuses a port mode other than host and ingress",
    text: svc("ports:\n  - target: 80\n    mode: bridge"),
    path: "services.web.ports[0].mode",
    line: 6,
  },
  {
    name: "refuses a wrong type with the expected type named",
    text: svc("ports: 80"),
    path: "services.web.ports",
    line: 4,
    message: "must be a list",
  },
  {
    name: "refuses an unknown depends_on condition",
    text: svc("depends_on:\n  db: {condition: started}") + "  db: {image: x}\n",
    path: "services.web.depends_on.db.condition",
    line: 5,
    message: /must be one of/,
  },
  {
    name: "refuses a wharf. label",
    text: svc("labels:\n  wharf.tenant: other"),
    path: 'services.web.labels["wharf.tenant"]',
    line: 5,
    message: /reserved/,
  },
  {
    name: "refuses a WHARF. label in list form",
    text: svc('labels: ["a=1", "WHARF.app=x"]'),
    path: "services.web.labels[1]",
    line: 4,
    message: /reserved/,
  },
  {
    name: "refuses Docker's reserved label namespaces (Swarm task ids hide containers from quota counting)",
    text: svc('labels: ["com.docker.swarm.service.id=x"]'),
    path: "services.web.labels[0]",
    line: 4,
    message: /reserved .*read by Docker/,
  },
  {
    name: "refuses io.docker. and org.dockerproject. labels",
    text: svc("labels:\n  io.docker.x: y\n  org.dockerproject.z: w"),
    path: 'services.web.labels["io.docker.x"]',
    line: 5,
    message: /reserved/,
  },
  {
    name: "refuses reserved labels on networks",
    text: svc("restart: always", "networks:\n  n:\n    labels: {com.docker.compose.project: x}\n"),
    path: 'networks.n.labels["com.docker.compose.project"]',
    line: 7,
    message: /reserved/,
  },
  {
    name: "refuses reserved labels on volumes",
    text: svc("restart: always", "volumes:\n  v:\n    labels: [wharf.app=x]\n"),
    path: "volumes.v.labels[0]",
    line: 7,
    message: /reserved/,
  },
  {
    name: "refuses a bad duration",
    text: svc("healthcheck:\n  interval: 10 seconds"),
    path: "services.web.healthcheck.interval",
    line: 5,
    message: /invalid duration/,
  },
  {
    name: "refuses a duration without a unit",
    text: svc("healthcheck:\n  timeout: 30"),
    path: "services.web.healthcheck.timeout",
    line: 5,
    message: "must be a string",
  },
  {
    name: "refuses a bad update delay",
    text: svc("deploy:\n  update_config: {delay: soon}"),
    path: "services.web.deploy.update_config.delay",
    line: 5,
  },
  {
    name: "refuses a bad memory size",
    text: svc("deploy:\n  resources:\n    limits:\n      memory: 512Q"),
    path: "services.web.deploy.resources.limits.memory",
    line: 7,
    message: /invalid size/,
  },
  {
    name: "refuses bad cpus",
    text: svc("deploy:\n  resources:\n    limits: {cpus: lots}"),
    path: "services.web.deploy.resources.limits.cpus",
    line: 6,
  },
  {
    name: "refuses too many replicas",
    text: svc("deploy:\n  replicas: 101"),
    path: "services.web.deploy.replicas",
    line: 5,
    message: /between 0 and 100/,
  },
  {
    name: "refuses a bad port",
    text: svc('ports: ["8080:80", "80:99999"]'),
    path: "services.web.ports[1]",
    line: 4,
    message: /invalid port/,
  },
  {
    name: "refuses an unsupported volume mode",
    text: svc("volumes:\n  - data:/srv:bogus", "volumes:\n  data:\n"),
    path: "services.web.volumes[0]",
    line: 5,
    message: /mode/,
  },
  {
    name: "refuses an undeclared named volume",
    text: svc("volumes:\n  - data:/srv"),
    path: "services.web.volumes[0]",
    line: 5,
    message: /not declared/,
  },
  {
    name: "refuses an undeclared network",
    text: svc("networks: [front]"),
    path: "services.web.networks[0]",
    line: 4,
    message: /not declared/,
  },
  {
    name: "refuses a dependency on a missing service",
    text: svc("depends_on: [db]"),
    path: "services.web.depends_on[0]",
    line: 4,
    message: /does not exist/,
  },
  {
    name: "refuses a depends_on cycle",
    text: "services:\n  a: {image: x, depends_on: [b]}\n  b: {image: y, depends_on: [a]}\n",
    path: "services.a.depends_on",
    line: 2,
    message: /cycle/,
  },
  {
    name: "refuses network_mode together with networks",
    text: svc("network_mode: none\nnetworks: [n]", "networks:\n  n:\n"),
    path: "services.web.network_mode",
    line: 4,
  },
  {
    name: "refuses an invalid service name",
    text: "services:\n  Web_App!:\n    image: x\n",
    path: 'services["Web_App!"]',
    line: 2,
    message: /service name/,
  },
  {
    name: "refuses a missing image",
    text: "services:\n  web:\n    restart: always\n",
    path: "services.web.image",
    line: 2,
    message: /image is required/,
  },
  {
    name: "refuses a bad restart policy",
    text: svc("restart: sometimes"),
    path: "services.web.restart",
    line: 4,
  },
  {
    name: "refuses an unset variable, naming the safe alternatives",
    text: svc("environment:\n  TOKEN: ${TOKEN}"),
    path: "services.web.environment.TOKEN",
    line: 5,
    message: /never reads the server's environment/,
  },
];

describe("parseCompose: refusals", () => {
  it.each(refusals)("$name", ({ text, path, line, message }) => {
    const errors = errorsOf(text);
    const hit = errors.find((e) => e.path === path);
    expect(hit, `got ${JSON.stringify(errors)}`).toBeDefined();
    expect(hit!.line).toBe(line);
    if (typeof message === "string") expect(hit!.message).toBe(message);
    else if (message) expect(hit!.message).toMatch(message);
  });

  it("reports YAML syntax errors with their line", () => {
    const errors = errorsOf("services:\n  web:\n    image: nginx\n   ports: [80\n");
    expect(errors[0].line).toBeGreaterThanOrEqual(3);
    expect(errors[0].path).toBe("");
  });

  it("reports duplicate keys with their line", () => {
    const errors = errorsOf("services:\n  web:\n    image: a\n    image: b\n");
    expect(errors[0]).toMatchObject({ line: 4 });
  });

  it("lists every unknown key at once, in line order, each with its likely meaning", () => {
    const errors = errorsOf(
      "services:\n  web:\n    image: x\n    build: {context: x, dockerfil: D}\n    usr: root\n    hostnme: h\n",
    );
    expect(errors.map((e) => [e.path, e.line, e.message])).toEqual([
      ["services.web.build.dockerfil", 4, "dockerfil is not a Compose key — did you mean dockerfile?"],
      ["services.web.usr", 5, "usr is not a Compose key — did you mean user?"],
      ["services.web.hostnme", 6, "hostnme is not a Compose key — did you mean hostname?"],
    ]);
  });

  it("refuses the v1 format (services at the top level) with what to change", () => {
    expect(errorsOf("web:\n  image: nginx\ndb:\n  image: postgres\n")[0].message).toMatch(
      /v1 compose format/,
    );
  });

  it("never says a key is not supported", () => {
    const errors = errorsOf(svc("imagee: x\nfoo: 1") + "bar: 2\n");
    for (const e of errors) expect(e.message).not.toMatch(/not supported/);
  });

  it("refuses more than 200 services", () => {
    const services = Array.from({ length: 201 }, (_, i) => `  s${i}: {image: x}`).join("\n");
    expect(errorsOf(`services:\n${services}\n`)).toEqual([
      expect.objectContaining({ path: "services", message: expect.stringContaining("at most 200") }),
    ]);
  });

  it("refuses documents that are not a mapping, and oversized input", () => {
    expect(errorsOf("- a\n- b\n")[0].message).toMatch(/mapping/);
    expect(errorsOf("")[0].message).toMatch(/mapping/);
    expect(errorsOf(`x-pad: "${"a".repeat(300 * 1024)}"\n`)[0].message).toMatch(/larger than/);
  });

  it("refuses alias bombs instead of expanding them", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++)
      lines.push(
        `${"abcdefghij"[i]}: &${"abcdefghij"[i]} [${Array(10)
          .fill(`*${"abcdefghij"[i - 1]}`)
          .join(", ")}]`,
      );
    const errors = errorsOf(
      `x-bomb:\n${lines.map((l) => `  ${l}`).join("\n")}\nservices:\n  web: {image: x}\n`,
    );
    expect(errors[0].message).toMatch(/alias/i);
  });
});

describe("cyclic and deep YAML", () => {
  it("refuses an alias that contains itself with a clear error instead of overflowing", () => {
    const r = parseCompose("a: &a [*a]\nservices:\n  web:\n    image: nginx\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/cycle/);
  });

  it("refuses nesting deeper than 64 levels", () => {
    const r = parseCompose(
      `x-deep: ${"[".repeat(80)}${"]".repeat(80)}\nservices:\n  web:\n    image: nginx\n`,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/deeper/);
  });
});

describe("refusals that stand alone", () => {
  it("extends.file without a folder is refused once: no second 'image is required' for the base never read", () => {
    const errors = errorsOf(
      "services:\n  importer:\n    extends: {file: sub/base.yaml, service: imported}\n",
    );
    expect(errors.map((e) => e.path)).toEqual(["services.importer.extends.file"]);
  });

  it("reads the old `external: {name}` of secrets and configs as external with that name", () => {
    const r = parseCompose(
      "services:\n  web: {image: nginx}\nconfigs:\n  c: {external: {name: my_config}}\nsecrets:\n  s: {external: true, name: my_secret}\n",
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.spec.configs?.c).toEqual({ external: true, externalName: "my_config" });
    expect(r.spec.secrets?.s).toEqual({ external: true, externalName: "my_secret" });
  });
});
