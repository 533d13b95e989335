import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseJsonAs } from "./common";

describe("parseJsonAs", () => {
  it("reads JSON of the schema's shape, and gives null for text that is not JSON or not that shape", () => {
    const Shape = z.object({ n: z.number() });
    expect(parseJsonAs(Shape, '{"n":1}')).toEqual({ n: 1 });
    expect(parseJsonAs(Shape, '{"n":"1"}')).toBeNull();
    expect(parseJsonAs(Shape, "{torn")).toBeNull();
  });
});
