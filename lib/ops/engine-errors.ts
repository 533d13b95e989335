import "server-only";
import { ApiError, conflict, notFound } from "@/lib/api/errors";
import { engineMessage, engineStatus } from "@/lib/docker/container-actions";

/** Maps an engine refusal to the API error shape, naming the engine's reason; other errors pass through. */
export function engineError(err: unknown, what: string): unknown {
  const status = engineStatus(err);
  if (status === 404) return notFound(what);
  if (status === 409) return conflict(engineMessage(err));
  if (status === 503) return new ApiError(503, "unavailable", engineMessage(err));
  if (status && status >= 400 && status < 500) return new ApiError(422, "invalid", engineMessage(err));
  if (
    (err as { code?: string }).code &&
    /ECONNREFUSED|ENOENT|ETIMEDOUT|EHOSTUNREACH/.test(String((err as { code?: string }).code))
  )
    return new ApiError(502, "host_unreachable", `${what}: the host's engine does not answer`);
  return err;
}

export const rethrow = (what: string) => (err: unknown) => Promise.reject(engineError(err, what));
