import { expect } from "vitest";
import type { ApiClient } from "../helpers/api-client";

/**
 * Starts a streamed deploy and resolves once its first "creating" progress line arrives (containers are next), with
 * the lines so far and the instance that runs it (HAProxy's X-Wharf-Instance; "" without HAProxy).
 */
export async function deployUntilCreating(
  client: ApiClient,
  appId: string,
  compose: string,
): Promise<{ lines: string[]; instance: string }> {
  const res = await fetch(`${client.baseUrl}/api/v1/apps/${appId}/deploy`, {
    method: "POST",
    headers: {
      cookie: client.cookie,
      origin: client.baseUrl,
      accept: "application/x-ndjson",
      "content-type": "application/json",
    },
    body: JSON.stringify({ source: { type: "compose", compose } }),
  });
  expect(res.status).toBe(200);
  const instance = res.headers.get("x-wharf-instance") ?? "";
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the deploy ended before creating anything:\n${text}`);
    text += decoder.decode(value, { stream: true });
    if (/"phase":"creating"/.test(text)) {
      void reader.cancel().catch(() => undefined);
      return { lines: text.split("\n").filter(Boolean), instance };
    }
  }
}
