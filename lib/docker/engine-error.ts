// Reading a failed engine call (a dockerode error, or a socket error before the engine answered). Pure and shared by
// every layer: the one place that knows the shape of these errors.

type EngineErrorShape = {
  json?: { message?: unknown };
  reason?: unknown;
  message?: unknown;
  statusCode?: unknown;
  code?: unknown;
};
const shape = (err: unknown): EngineErrorShape => (err && typeof err === "object" ? err : {});

/** A socket error's code ("ECONNREFUSED", "ERR_TLS_…"), or "". */
export const errorCode = (err: unknown): string => {
  const c = shape(err).code;
  return typeof c === "string" ? c : "";
};

/** The engine's own sentence for a failed call ("port is already allocated", "No such image: …"). */
export function engineMessage(err: unknown): string {
  const e = shape(err);
  const text = [e.json?.message, e.message, e.reason].find((t) => typeof t === "string" && t) ?? String(err);
  return String(text)
    .replace(/^\(HTTP code \d+\) [a-z ]+ - /i, "")
    .trim();
}

/** The HTTP status the engine answered with, if it answered. */
export const engineStatus = (err: unknown): number | undefined => {
  const s = shape(err).statusCode;
  return typeof s === "number" ? s : undefined;
};

export const isNotFound = (err: unknown) => engineStatus(err) === 404;

/** The call's answer, or null when the engine answers 404 (no such object); any other failure is thrown. */
export async function nullIfNotFound<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** The engine never answered: refused, gone, or timed out at the socket. */
export const isUnreachable = (err: unknown) =>
  /ECONNREFUSED|ENOENT|ETIMEDOUT|EHOSTUNREACH|ECONNRESET/.test(String(shape(err).code ?? ""));

/**
 * Docker's default address pools hold about 30 bridge networks per engine, and Wharf makes one per app network,
 * tenant edge and build: the engine's own sentence ("could not find an available, non-overlapping IPv4 address
 * pool among the defaults") does not say what to do. Same status, a message that does (docs/fleet.md).
 */
export function explainPoolExhausted(err: unknown): unknown {
  if (!/non-overlapping IPv[46] address pool/i.test(engineMessage(err))) return err;
  return Object.assign(
    new Error(
      "the engine has no address range left for a new network (Docker's default pools hold about 30 bridge " +
        "networks): give it more with default-address-pools in /etc/docker/daemon.json (docs/fleet.md)",
    ),
    { statusCode: engineStatus(err) },
  );
}
