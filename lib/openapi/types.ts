import type { z } from "zod";

/** One API operation, described from the same zod schemas the route handler validates with. */
export type Operation = {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodObject<Record<string, z.ZodType>>;
  body?: z.ZodType;
  /** A multipart/form-data request body (an upload): its fields, files as `z.file()`; next to or instead of `body`. */
  form?: z.ZodObject;
  /** Response body schema; omitted for 204 or streams. */
  response?: z.ZodType;
  status?: number;
  /** e.g. "text/event-stream" for streaming responses. */
  contentType?: string;
  public?: boolean;
  /** The path is on the site's root, not under /api/v1 (GET /metrics, where Prometheus expects it). */
  root?: true;
};
