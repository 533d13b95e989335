import { expect, it } from "vitest";
import { promString, subjectMatchers } from "./metrics-prometheus";

it("escapes what it puts in a PromQL string, so an id cannot close the matcher", () => {
  expect(promString('a"} or up{x="')).toBe('"a\\"} or up{x=\\""');
  expect(promString("a\\b\nc")).toBe('"a\\\\b\\nc"');
  expect(subjectMatchers("tenant", 't"}')).toBe('{tenant_id="t\\"}"}');
  expect(subjectMatchers("container", "h1/abc")).toBe('{host_id="h1",container_id="abc"}');
  expect(subjectMatchers("cluster", "")).toBe("");
});
