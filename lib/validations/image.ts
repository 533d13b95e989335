import { z } from "zod";

/** A Docker image reference: [registry[:port]/]name[:tag][@sha256:digest] (lowercase path components). */
export const ImageReference = z
  .string()
  .trim()
  .min(1, "is required")
  .max(255, "is too long")
  .regex(
    /^(?:[a-z0-9.-]+(?::\d{1,5})?\/)?[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/,
    "use an image reference such as redis:alpine or registry.example.com/team/app:1.2",
  );

export const SharedImageInput = z.object({
  reference: ImageReference,
  note: z.string().trim().max(200, "must be at most 200 characters").default(""),
});

export const SharedImageView = z.object({
  id: z.string(),
  reference: z.string(),
  note: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type SharedImageView = z.infer<typeof SharedImageView>;
