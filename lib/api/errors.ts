import "server-only";
import { ZodError } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { maskUrlCredentials } from "@/lib/secrets/model";

export type FieldErrors = Record<string, string>;

/** An error meant for the client: its status, code and message are sent as they are. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export const unauthorized = (message = "Sign in to continue") => new ApiError(401, "unauthorized", message);
export const forbidden = (message = "You are not allowed to do this", fields?: FieldErrors) =>
  new ApiError(403, "forbidden", message, fields);
/** Also used for objects the caller may not see, so their existence does not leak. */
export const notFound = (what = "Resource") => new ApiError(404, "not_found", `${what} not found`);
export const conflict = (message: string, fields?: FieldErrors) =>
  new ApiError(409, "conflict", message, fields);
export const invalid = (message: string, fields?: FieldErrors) =>
  new ApiError(422, "invalid", message, fields);

export function zodFields(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "body";
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * An engine that refused a request (dockerode error with a 4xx `statusCode`) was refused because of what the user
 * asked (a stopped container, a bad reference): a 4xx here too, on every path that forgot to map it.
 */
function engineRefusal(err: unknown): ApiError | null {
  if (!(err instanceof Error) || !("statusCode" in err) || typeof err.statusCode !== "number") return null;
  const status = err.statusCode;
  if (status < 400 || status >= 500) return null;
  const reason = "json" in err && err.json && typeof err.json === "object" && "message" in err.json;
  const message = reason ? String((err.json as { message: unknown }).message) : err.message;
  if (status === 404) return new ApiError(404, "not_found", `The engine says: ${message}`);
  if (status === 409) return conflict(`The engine says: ${message}`);
  return invalid(`The engine refused the request: ${message}`);
}

/** Maps any thrown value to the JSON error shape `{error: {code, message, fields?}}`. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) {
    const fields = zodFields(err);
    const first = Object.entries(fields)[0];
    return invalid(first ? `${first[0]}: ${first[1]}` : "Invalid input", fields);
  }
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === "P2002") {
      const target = String((err.meta?.target as string[] | string | undefined) ?? "value");
      return conflict(`That ${target} is already taken`);
    }
    if (err.code === "P2025") return notFound();
  }
  const engine = engineRefusal(err);
  if (engine) return engine;
  console.error("[wharf] unhandled error", err);
  return new ApiError(
    500,
    "internal",
    "Something went wrong on the server; the details are in the server log",
  );
}

/** The one error shape every answer uses: `{error: {code, message, fields?}}`. */
export const errorBody = (err: ApiError) => ({
  // URL passwords (an engine or git message quoting a URL) never reach a client.
  error: {
    code: err.code,
    message: maskUrlCredentials(err.message),
    ...(err.fields
      ? {
          fields: Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, maskUrlCredentials(v)])),
        }
      : {}),
  },
});

export function errorResponse(err: ApiError, headers?: HeadersInit): Response {
  return Response.json(errorBody(err), { status: err.status, headers });
}
