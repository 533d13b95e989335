import { describe, expect, it } from "vitest";
import { copyInstruction, dockerfileFetches, remoteAdds, replaceInstructions } from "./dockerfile-egress";

const urls = (text: string) =>
  dockerfileFetches(text)
    .filter((f) => f.kind !== "image")
    .map((f) => (f.kind === "url" ? f.url : `var:${f.source}`));

describe("dockerfileFetches: ADD sources the engine would fetch", () => {
  it.each([
    ["plain", "FROM a\nADD http://127.0.0.1:9/x /x\n", ["http://127.0.0.1:9/x"]],
    ["lower case", "from a\nadd HTTP://127.0.0.1:9/x /x\n", ["HTTP://127.0.0.1:9/x"]],
    ["with --checksum", "FROM a\nADD --checksum=sha256:abc https://h/x /x\n", ["https://h/x"]],
    ["with --chown and --link", "FROM a\nADD --chown=1:1 --link http://h/x /x\n", ["http://h/x"]],
    ["JSON form", 'FROM a\nADD ["http://h/a", "local", "/d/"]\n', ["http://h/a"]],
    ["several sources", "FROM a\nADD local http://h/b /d/\n", ["http://h/b"]],
    ["line continuation", "FROM a\nADD \\\n  http://h/c \\\n  /c\n", ["http://h/c"]],
    ["continuation with a comment inside", "FROM a\nADD \\\n# note\n  http://h/d /d\n", ["http://h/d"]],
    ["escape directive", "# escape=`\nFROM a\nADD `\n  http://h/e /e\n", ["http://h/e"]],
    ["ONBUILD", "FROM a\nONBUILD ADD http://h/f /f\n", ["http://h/f"]],
    ["second stage", "FROM a AS b\nRUN x\nFROM b\nADD http://h/g /g\n", ["http://h/g"]],
    ["a git URL", "FROM a\nADD git@github.com:o/r.git /r\n", ["git@github.com:o/r.git"]],
    ["a variable", "FROM a\nARG U=http://h/x\nADD $U /x\n", ["var:$U"]],
    ["a heredoc next to a URL", "FROM a\nADD <<EOF http://h/i /d/\nhi\nEOF\n", ["http://h/i"]],
    ["a URL hidden in a heredoc body", "FROM a\nRUN <<EOF\nADD http://h/j /j\nEOF\n", ["http://h/j"]],
    ["CRLF line ends", "FROM a\r\nADD http://h/k /k\r\n", ["http://h/k"]],
    ["a variable FROM", "ARG B=x\nFROM $B\n", ["var:$B"]],
  ])("finds %s", (_n, text, expected) => expect(urls(text)).toEqual(expected));

  it.each([
    ["COPY of a URL-looking name", "FROM a\nCOPY http://h/x /x\n"],
    ["ADD of local files", "FROM a\nADD app.tar.gz /srv/\nADD --chown=1 a b /d/\n"],
    ["a commented-out ADD", "FROM a\n# ADD http://h/x /x\n"],
    ["a heredoc ADD", "FROM a\nADD <<EOF /d/f\nhello\nEOF\n"],
  ])("ignores %s", (_n, text) => expect(urls(text)).toEqual([]));

  it("lists images named by FROM and COPY --from, not stage names", () => {
    const text =
      "FROM 127.0.0.1:5050/base AS build\nFROM scratch\nCOPY --from=build /a /a\nCOPY --from=reg.example:5000/tools /t /t\nRUN --mount=type=bind,from=other/img,target=/m true\n";
    expect(dockerfileFetches(text).filter((f) => f.kind === "image")).toEqual([
      { kind: "image", image: "127.0.0.1:5050/base", line: 1 },
      { kind: "image", image: "reg.example:5000/tools", line: 4 },
      { kind: "image", image: "other/img", line: 5 },
    ]);
  });
});

describe("flags before the JSON form", () => {
  it('still finds the URL (ADD --chown=… ["http://…", …] is JSON form)', () =>
    expect(urls('FROM a\nADD --chown=0:0 ["http://127.0.0.1:9/x", "/x"]\n')).toEqual([
      "http://127.0.0.1:9/x",
    ]));
});

describe("remoteAdds and the rewrite to COPY", () => {
  it("gives each ADD of a URL with its lines, flags, sources and destination", () => {
    const text =
      'FROM a\nADD local /l\nADD --chown=1:1 \\\n  http://h/a.tgz \\\n  /d/\nONBUILD ADD http://h/o /o\nADD ["https://h/x y", "/x"]\n';
    expect(remoteAdds(text)).toEqual([
      {
        line: 3,
        end: 5,
        onbuild: false,
        flags: ["--chown=1:1"],
        sources: ["http://h/a.tgz"],
        urls: ["http://h/a.tgz"],
        dest: "/d/",
      },
      {
        line: 6,
        end: 6,
        onbuild: true,
        flags: [],
        sources: ["http://h/o"],
        urls: ["http://h/o"],
        dest: "/o",
      },
      {
        line: 7,
        end: 7,
        onbuild: false,
        flags: [],
        sources: ["https://h/x y"],
        urls: ["https://h/x y"],
        dest: "/x",
      },
    ]);
    expect(remoteAdds("FROM a\nADD local http://h/b /d/\n")[0]).toMatchObject({
      sources: ["local", "http://h/b"],
      urls: ["http://h/b"],
    });
  });

  it("replaces an instruction and keeps every later line number", () => {
    const text = "FROM a\nADD --chown=1:1 \\\n  http://h/a.tgz \\\n  /d/\nRUN ls /d\n";
    const [add] = remoteAdds(text);
    const out = replaceInstructions(text, [
      { line: add.line, end: add.end, text: copyInstruction(add.flags, [".wharf-add-x/0/a.tgz"], add.dest) },
    ]);
    expect(out.split("\n")).toEqual([
      "FROM a",
      'COPY --chown=1:1 [".wharf-add-x/0/a.tgz","/d/"]',
      "",
      "",
      "RUN ls /d",
      "",
    ]);
    expect(remoteAdds(out)).toEqual([]);
    expect(dockerfileFetches(out)).toEqual([{ kind: "image", image: "a", line: 1 }]);
  });

  it("keeps a destination with spaces or variables as one JSON word", () =>
    expect(copyInstruction([], ["s/f"], "/my dir/$V")).toBe('COPY ["s/f","/my dir/$V"]'));
});
