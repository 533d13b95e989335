import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Button } from "./button";

// In the server's HTML (before hydration) a submit button must be disabled: a form submitted then is a plain GET
// with every field, passwords included, in the URL. A form that really works without JavaScript opts out.
describe("Button before hydration", () => {
  const html = (props: Record<string, unknown>) => renderToString(createElement(Button, props, "Go"));

  it("disables submit buttons", () => {
    expect(html({ type: "submit" })).toMatch(/<button[^>]* disabled=""/);
  });

  it("leaves other buttons and native-submit forms usable", () => {
    expect(html({ type: "button" })).not.toMatch(/ disabled=""/);
    expect(html({ type: "submit", nativeSubmit: true })).not.toMatch(/ disabled=""/);
  });
});
