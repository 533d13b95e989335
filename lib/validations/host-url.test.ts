import { describe, expect, it } from "vitest";
import { parseHostUrl } from "./host-url";

describe("parseHostUrl", () => {
  it.each([
    ["unix:///var/run/docker.sock", { kind: "unix", socketPath: "/var/run/docker.sock" }],
    ["tcp://127.0.0.1:2376", { kind: "tcp", host: "127.0.0.1", port: 2376 }],
    ["tcp://engine.example", { kind: "tcp", host: "engine.example", port: 2376 }],
    ["tcp://[::1]:2375", { kind: "tcp", host: "::1", port: 2375 }],
  ])("accepts %s", (url, expected) => expect(parseHostUrl(url)).toEqual(expected));

  it.each([
    "http://x:2375",
    "ssh://user@host",
    "unix://relative.sock",
    "tcp://host:99999",
    "tcp://u:p@host:1",
    "tcp://host:1/path",
    "file:///etc/passwd",
    "",
  ])("refuses %s", (url) => expect(parseHostUrl(url)).toBeNull());
});
