import "server-only";
// Webhooks handled once (issue 20): a forge retries a delivery it thinks failed, and behind a load balancer the
// retry may reach another instance. The delivery's id (sent by the forge) is recorded under a unique key before
// anything is done, so a second call with the same id, on any instance, does nothing.
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/deploy/quotas";

const KEEP_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/** The id the forge gives this delivery (GitHub, Gitea, Gogs, GitLab), or "" when it sends none. */
export function deliveryId(headers: Headers): string {
  const id =
    headers.get("x-github-delivery") ??
    headers.get("x-gitea-delivery") ??
    headers.get("x-gogs-delivery") ??
    headers.get("x-gitlab-event-uuid") ??
    "";
  return id.trim().slice(0, 200);
}

declare global {
  var wharfDeliveriesPrunedAt: number | undefined;
}

/** Records the delivery; false when it was recorded before (by this instance or another): nothing is to be done. */
export async function firstDelivery(appId: string, id: string): Promise<boolean> {
  const now = Date.now();
  if (now - (globalThis.wharfDeliveriesPrunedAt ?? 0) > PRUNE_EVERY_MS) {
    globalThis.wharfDeliveriesPrunedAt = now;
    await db.webhookDelivery.deleteMany({ where: { at: { lt: new Date(now - KEEP_MS) } } });
  }
  try {
    await db.webhookDelivery.create({ data: { appId, deliveryId: id } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Forgets a delivery whose handling failed, so the forge's redelivery (the same id) is acted on. */
export async function forgetDelivery(appId: string, id: string) {
  await db.webhookDelivery.deleteMany({ where: { appId, deliveryId: id } });
}
