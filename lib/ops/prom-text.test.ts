import { describe, expect, it } from "vitest";
import { parsePromText } from "./prom-text";

describe("parsePromText", () => {
  it("reads samples with and without labels, skipping comments", () => {
    const text = [
      "# HELP node_load1 1m load average.",
      "# TYPE node_load1 gauge",
      "node_load1 0.42",
      'node_cpu_seconds_total{cpu="0",mode="idle"} 12345.5',
      'node_filesystem_avail_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 1.5e+10 1700000000000',
      "",
    ].join("\n");
    expect(parsePromText(text)).toEqual([
      { name: "node_load1", labels: {}, value: 0.42 },
      { name: "node_cpu_seconds_total", labels: { cpu: "0", mode: "idle" }, value: 12345.5 },
      {
        name: "node_filesystem_avail_bytes",
        labels: { device: "/dev/sda1", fstype: "ext4", mountpoint: "/" },
        value: 1.5e10,
      },
    ]);
  });

  it("unescapes label values and reads the special values", () => {
    const [a, b, c] = parsePromText('x{path="C:\\\\dir",q="say \\"hi\\"",n="a\\nb",} +Inf\ny NaN\nz{} -Inf');
    expect(a).toEqual({ name: "x", labels: { path: "C:\\dir", q: 'say "hi"', n: "a\nb" }, value: Infinity });
    expect(b.value).toBeNaN();
    expect(c).toEqual({ name: "z", labels: {}, value: -Infinity });
  });

  it("skips lines that are not samples", () => {
    expect(parsePromText('bad{a="1" 3\n{x="y"} 1\nname notanumber\n9name 1\nok 1')).toEqual([
      { name: "ok", labels: {}, value: 1 },
    ]);
  });
});
