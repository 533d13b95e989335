import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { trafficEnabled, trafficOf } from "@/lib/edge/traffic";
import { loadApp } from "@/lib/services/apps";
import type { AppTrafficView } from "@/lib/validations/domain";

// Traffic figures of an app's domains (docs/edge.md "Traffic figures"), for the app's viewers: the app is loaded
// with the actor's rights first, so another tenant's app answers 404.

export async function appTraffic(actor: Actor, appId: string): Promise<AppTrafficView> {
  await loadApp(actor, appId, "viewer");
  if (!trafficEnabled()) return { enabled: false, items: [] };
  const rows = await db.appDomain.findMany({
    where: { appId },
    select: { id: true, host: true, pathPrefix: true },
    orderBy: [{ host: "asc" }, { pathPrefix: "asc" }],
  });
  const items: AppTrafficView["items"] = [];
  for (const d of rows)
    items.push({
      domainId: d.id,
      host: d.host,
      pathPrefix: d.pathPrefix,
      windows: (await trafficOf(d)) ?? [],
    });
  return { enabled: true, items };
}
