import { describe, expect, it } from "vitest";
import { ClientApiError } from "@/lib/client/api";
import { parseForm } from "@/lib/client/form";
import { TokenCreateInput } from "@/lib/validations/auth";
import { ProjectCreateInput } from "@/lib/validations/project";
import { UserCreateInput } from "@/lib/validations/user";

// The browser's check must answer what the API answers (lib/api/errors.ts → toApiError on a ZodError): a 422
// "invalid" naming the first field, with every field's first message.
describe("parseForm", () => {
  it("refuses like the API: 422, the first field in the message, every field's error", () => {
    const r = parseForm(ProjectCreateInput, { tenantId: "", name: "  ", slug: "Not A Slug" });
    expect(r.ok).toBe(false);
    const error = r.ok ? null : r.error;
    expect(error).toBeInstanceOf(ClientApiError);
    expect(error?.status).toBe(422);
    expect(error?.code).toBe("invalid");
    expect(error?.fields).toEqual({
      tenantId: "Too small: expected string to have >=1 characters",
      name: "is required",
      slug: "use lowercase letters, digits and dashes, starting and ending with a letter or digit",
    });
    expect(error?.message).toBe("tenantId: Too small: expected string to have >=1 characters");
  });

  it("names nested fields by their dotted path", () => {
    const r = parseForm(UserCreateInput, {
      email: "a@b.co",
      memberships: [{ tenantId: "t1", role: "boss" }],
    });
    expect(r.ok ? {} : r.error.fields).toEqual({ "memberships.0.role": expect.any(String) });
  });

  it("passes valid input on, parsed (trimmed, defaults filled)", () => {
    expect(parseForm(TokenCreateInput, { name: "  ci  " })).toEqual({
      ok: true,
      data: { name: "ci", scopes: ["api"] },
    });
    const user = parseForm(UserCreateInput, { email: " A@B.co " });
    expect(user).toEqual({
      ok: true,
      data: { email: "a@b.co", name: "", globalRole: "none", memberships: [] },
    });
  });
});
