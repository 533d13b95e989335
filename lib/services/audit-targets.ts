import "server-only";
import { db } from "@/lib/db";

type Target = { targetType: string; targetId: string };
type NameLookup = (ids: string[]) => Promise<{ id: string; name: string }[]>;

/** Target types whose rows have a name a reviewer recognises; others are shown by id. */
const lookups: Record<string, NameLookup> = {
  app: (ids) => db.app.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  project: (ids) => db.project.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  host: (ids) => db.host.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  tenant: (ids) => db.tenant.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  token: (ids) => db.apiToken.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  registry: (ids) => db.registry.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  user: async (ids) =>
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((u) => ({
      id: u.id,
      name: u.email,
    })),
};

/** The current names of a page of audit targets, one query per target type ("type:id" → name). */
export async function targetNames(events: Target[]): Promise<Map<string, string>> {
  const idsByType = new Map<string, Set<string>>();
  for (const { targetType, targetId } of events) {
    if (!lookups[targetType] || !targetId) continue;
    const ids = idsByType.get(targetType) ?? new Set<string>();
    idsByType.set(targetType, ids.add(targetId));
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...idsByType].map(async ([type, ids]) => {
      for (const row of await lookups[type]([...ids])) names.set(`${type}:${row.id}`, row.name);
    }),
  );
  return names;
}
