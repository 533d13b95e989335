import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

describe("openApiDocument", () => {
  it("describes the foundation endpoints with request schemas from zod", () => {
    const doc = openApiDocument();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/session",
        "/me",
        "/tokens",
        "/tokens/{id}",
        "/tenants",
        "/tenants/{id}/members",
        "/users/{id}",
        "/projects/{id}",
        "/audit",
      ]),
    );
    const login = doc.paths["/session"].post as {
      requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } };
    };
    expect(Object.keys(login.requestBody.content["application/json"].schema.properties)).toEqual([
      "email",
      "password",
    ]);
  });
});
