import type { ApiClient } from "./api-client";

/**
 * Test set-ups that let developers reach a same-box service (the registry on loopback, a local git
 * host) name it on the egress allow-list through the admin API, as an admin would (docs/security.md).
 */
export async function allowEgress(admin: ApiClient, entry: string, note = "test set-up"): Promise<string> {
  const res = await admin.post("/egress/allow", { entry, note });
  if (res.status !== 201) throw new Error(`egress allow ${entry}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
