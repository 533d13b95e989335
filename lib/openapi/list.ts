import { z } from "zod";

/** A list answer: `{ items: [...] }`, the shape every list route returns. */
export const list = (item: z.ZodType) => z.object({ items: z.array(item) });
