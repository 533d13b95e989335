import { describe, expect, it } from "vitest";
import { joinCommandLine, splitCommandLine } from "./command-line";

describe("the image form's command line", () => {
  it("splits on spaces and keeps quoted parts together", () => {
    expect(splitCommandLine('sh -c "echo hi"')).toEqual(["sh", "-c", "echo hi"]);
    expect(splitCommandLine("  httpd -f   -p 80 ")).toEqual(["httpd", "-f", "-p", "80"]);
    expect(splitCommandLine(`sh -c 'echo "hi there"'`)).toEqual(["sh", "-c", 'echo "hi there"']);
    expect(splitCommandLine('--opt="a b" ""')).toEqual(["--opt=a b", ""]);
    expect(splitCommandLine('echo "say \\"hi\\" \\\\ now"')).toEqual(["echo", 'say "hi" \\ now']);
    expect(splitCommandLine("echo C:\\dir")).toEqual(["echo", "C:\\dir"]);
  });

  it("writes an argv back as a line that splits into the same argv", () => {
    expect(joinCommandLine(["sh", "-c", "echo hi"])).toBe('sh -c "echo hi"');
    const cases = [
      ["sh", "-c", "echo hi"],
      ["sh", "-c", `echo "it's" \\ 'x'`],
      ["a", "", "b c", "tab\there", "new\nline"],
      ["printf", "%s\\n", "\\", '"', "'"],
      [],
    ];
    for (const argv of cases) expect(splitCommandLine(joinCommandLine(argv))).toEqual(argv);
  });

  it("round-trips what a developer types, as the form's prefill does", () => {
    for (const line of ['sh -c "echo hi"', "httpd -f -p 80", 'sh -c "echo \\"quoted\\""'])
      expect(joinCommandLine(splitCommandLine(line))).toBe(line);
  });
});
