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

describe("upload bodies", () => {
  type Body = {
    requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> };
  };
  it("documents the multipart/form-data fields of the archive and build-context uploads", () => {
    const doc = openApiDocument();
    const archive = (doc.paths["/projects/{id}/archives"].post as Body).requestBody?.content;
    expect(archive?.["multipart/form-data"].schema.properties.archive).toMatchObject({
      type: "string",
      format: "binary",
    });
    const build = (doc.paths["/builds"].post as Body).requestBody?.content;
    expect(Object.keys(build ?? {})).toEqual(["application/json", "multipart/form-data"]);
    expect(Object.keys(build?.["multipart/form-data"].schema.properties ?? {})).toEqual(["spec", "context"]);
  });
});
