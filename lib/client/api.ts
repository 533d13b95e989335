import type { ErrorCode } from "@/lib/api/error-codes";
import { ErrorBody } from "@/lib/validations/common";

/** Browser-side API client: same-origin JSON fetches that throw ClientApiError with the server's field errors. */
export class ClientApiError extends Error {
  constructor(
    readonly status: number,
    /** One of the API's error codes, or "error" when the answer was not the API's error body. */
    readonly code: ErrorCode | "error",
    message: string,
    readonly fields?: Record<string, string>,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** A failed answer as a ClientApiError: the API's error body when there is one, else the status alone. */
export async function clientErrorOf(res: Response): Promise<ClientApiError> {
  const parsed = ErrorBody.safeParse(await res.json().catch(() => null));
  if (!parsed.success) return new ClientApiError(res.status, "error", `Request failed (${res.status})`);
  const e = parsed.data.error;
  return new ClientApiError(res.status, e.code, e.message, e.fields, e.retryAfter);
}

type Options = { method?: string; body?: unknown; signal?: AbortSignal };

export async function api<T>(path: string, { method = "GET", body, signal }: Options = {}): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    signal,
    credentials: "same-origin",
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  if (!res.ok) throw await clientErrorOf(res);
  return (await res.json()) as T;
}

/** A list answer, `{ items }`: its items. */
export const apiItems = <T>(path: string) => api<{ items: T[] }>(path).then((r) => r.items);

/**
 * To the sign-in page, back here afterwards; `code` (a 401's error code) says why the session ended, and the sign-in
 * page shows the matching sentence (never text from the URL).
 */
export function toSignIn(code?: string) {
  const here = encodeURIComponent(window.location.pathname + window.location.search);
  const reason = code && code !== "unauthorized" ? `&reason=${encodeURIComponent(code)}` : "";
  window.location.assign(`/login?next=${here}${reason}`);
}

/** Builds a query string from defined, non-empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : "";
}
