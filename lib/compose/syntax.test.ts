import { describe, expect, it } from "vitest";
import { parseExpose, parsePortShort, parseTmpfsShort, parseVolumeShort, splitCommand } from "./syntax";

describe("ports short syntax", () => {
  it.each([
    ["80", [{ target: 80, protocol: "tcp" }]],
    [80, [{ target: 80, protocol: "tcp" }]],
    ["8080:80", [{ target: 80, published: 8080, protocol: "tcp" }]],
    ["127.0.0.1:8080:80/udp", [{ target: 80, published: 8080, protocol: "udp", hostIp: "127.0.0.1" }]],
    ["127.0.0.1::80", [{ target: 80, protocol: "tcp", hostIp: "127.0.0.1" }]],
    ["[::1]:8080:80", [{ target: 80, published: 8080, protocol: "tcp", hostIp: "::1" }]],
    ["53:53/SCTP", [{ target: 53, published: 53, protocol: "sctp" }]],
    [
      "9000-9001:8000-8001",
      [
        { target: 8000, published: 9000, protocol: "tcp" },
        { target: 8001, published: 9001, protocol: "tcp" },
      ],
    ],
  ])("reads %j", (input, expected) => expect(parsePortShort(input)).toEqual(expected));

  it.each(["", "abc", "0", "70000", "1:2:3:4", "8080:80/icmp", "9000-9002:80-81", ":80", "[::1]80"])(
    "refuses %j",
    (input) => expect(parsePortShort(input)).toHaveProperty("error"),
  );
});

describe("expose", () => {
  it("reads a single port, a number and a range with protocol", () => {
    expect(parseExpose("3000")).toEqual([{ target: 3000, protocol: "tcp" }]);
    expect(parseExpose(3000)).toEqual([{ target: 3000, protocol: "tcp" }]);
    expect(parseExpose("7000-7001/udp")).toEqual([
      { target: 7000, protocol: "udp" },
      { target: 7001, protocol: "udp" },
    ]);
  });
  it("refuses garbage", () => expect(parseExpose("port")).toHaveProperty("error"));
});

describe("volumes short syntax", () => {
  it.each([
    ["data:/srv", { type: "volume", source: "data", target: "/srv", readOnly: false }],
    ["data:/srv:ro", { type: "volume", source: "data", target: "/srv", readOnly: true }],
    ["/cache", { type: "volume", target: "/cache", readOnly: false }],
    ["/srv/data:/data:rw", { type: "bind", source: "/srv/data", target: "/data", readOnly: false }],
    ["./data:/data", { type: "bind", source: "./data", target: "/data", readOnly: false }],
    ["~/data:/data", { type: "bind", source: "~/data", target: "/data", readOnly: false }],
  ])("reads %j", (input, expected) => expect(parseVolumeShort(input)).toEqual(expected));

  it.each(["data:relative", "a:b:c:d", "data:/srv:bogus", ":/srv", "data:"])("refuses %j", (input) =>
    expect(parseVolumeShort(input)).toHaveProperty("error"),
  );
});

describe("tmpfs entries", () => {
  it("reads a path with an optional size", () => {
    expect(parseTmpfsShort("/run")).toEqual({ type: "tmpfs", target: "/run", readOnly: false });
    expect(parseTmpfsShort("/run:size=64m")).toEqual({
      type: "tmpfs",
      target: "/run",
      readOnly: false,
      tmpfsSizeBytes: 64 * 1024 ** 2,
    });
  });
  it("refuses other options and relative targets", () => {
    expect(parseTmpfsShort("/run:mode=1777")).toEqual({
      type: "tmpfs",
      target: "/run",
      readOnly: false,
      tmpfsMode: 0o1777,
    });
    expect(parseVolumeShort("data:/srv:z,nocopy")).toEqual({
      type: "volume",
      source: "data",
      target: "/srv",
      readOnly: false,
      selinux: "z",
      noCopy: true,
    });
    expect(parseTmpfsShort("run")).toHaveProperty("error");
  });
});

describe("command splitting", () => {
  it.each([
    ["npm start", ["npm", "start"]],
    [`sh -c "echo 'hi there'"`, ["sh", "-c", "echo 'hi there'"]],
    [`echo 'a b'  c\\ d`, ["echo", "a b", "c d"]],
    [`printf ""`, ["printf", ""]],
  ])("splits %j", (input, expected) => expect(splitCommand(input)).toEqual(expected));
  it("refuses an unterminated quote", () => expect(splitCommand(`echo "oops`)).toHaveProperty("error"));
});
