// `x-wharf: {domains}` on a service: read into the spec with the API's rules, and hostile values refused naming the key.
import { describe, expect, it } from "vitest";
import { exportCompose } from "./export";
import { parseCompose } from "./parse";

const HASH = "$2a$10$ow7UC86yXaSoZSr0mcGxeOYK9DfqsnKnA9RoKR.nxUUXVbXqOibgm";
/** As written in a compose file: `$` is escaped as `$$` (interpolation). */
const IN_FILE = HASH.replaceAll("$", "$$$$");
const withDomains = (domains: string) =>
  `services:\n  web:\n    image: nginx\n    x-wharf:\n      domains:\n${domains
    .split("\n")
    .map((l) => `        ${l}`)
    .join("\n")}\n`;

function refusals(text: string) {
  const r = parseCompose(text);
  if (r.ok) throw new Error("expected the compose file to be refused");
  return r.errors.map((e) => [e.path, e.message]);
}

describe("x-wharf domains", () => {
  it("reads each domain into the service's spec, lowercased, with defaults, and writes it back", () => {
    const r = parseCompose(
      withDomains(
        `- host: WEB.a.test\n  port: 80\n- host: web.a.test\n  port: 8080\n  path: /api/\n  redirect_https: false\n  basic_auth: {username: ann, password_hash: "${IN_FILE}"}`,
      ),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.spec.services.web.domains).toEqual([
      { host: "web.a.test", port: 80, pathPrefix: "/", redirectHttps: true },
      {
        host: "web.a.test",
        port: 8080,
        pathPrefix: "/api",
        redirectHttps: false,
        basicAuth: { username: "ann", hash: HASH },
      },
    ]);
    expect(r.warnings.join("\n")).not.toContain("x-wharf");
    expect(
      (exportCompose(r.spec).services as Record<string, Record<string, unknown>>).web["x-wharf"],
    ).toEqual({
      domains: [
        { host: "web.a.test", port: 80 },
        {
          host: "web.a.test",
          port: 8080,
          path: "/api",
          redirect_https: false,
          basic_auth: { username: "ann", password_hash: HASH },
        },
      ],
    });
  });

  it.each([
    ["a placeholder", "- host: 'x{http.vars}.a.test'\n  port: 80", "host"],
    ["a newline", '- host: "x\\n.a.test"\n  port: 80', "host"],
    ["a look-alike letter", "- host: wеb.a.test\n  port: 80", "host"],
    ["a dot-dot path", "- host: web.a.test\n  port: 80\n  path: /a/../b", "path"],
    ["a path with a brace", "- host: web.a.test\n  port: 80\n  path: '/a{x}'", "path"],
    [
      "a plain password",
      "- host: web.a.test\n  port: 80\n  basic_auth: {username: ann, password_hash: hunter22}",
      "basic_auth.password_hash",
    ],
    [
      "a user name with a colon",
      `- host: web.a.test\n  port: 80\n  basic_auth: {username: "a:b", password_hash: "${IN_FILE}"}`,
      "basic_auth.username",
    ],
    ["a header value", "- host: web.a.test\n  port: 80\n  headers: {X-Forwarded-For: 1.2.3.4}", ""],
    ["a port out of range", "- host: web.a.test\n  port: 70000", "port"],
  ])("refuses %s, naming the key", (_name, entry, key) => {
    const [[path, message]] = refusals(withDomains(entry));
    expect(path).toBe(`services.web.x-wharf.domains[0]${key ? `.${key}` : ""}`);
    expect(message).toBeTruthy();
  });

  it("refuses an x-wharf key it does not know", () => {
    expect(refusals("services:\n  web:\n    image: nginx\n    x-wharf: {routes: []}\n")).toEqual([
      ["services.web.x-wharf.routes", "is not a Wharf extension key (domains is)"],
    ]);
  });
});
