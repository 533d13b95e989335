import "server-only";
// Images an admin shares with every tenant (docs/security.md, "Images"). Reading the list is open to
// every signed-in user (developers need to know what they may run); changing it is for admins.
import { conflict, forbidden, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/deploy/quotas";
import { withDefaultTag } from "@/lib/images/reference";
import { ImageReference, type SharedImageView } from "@/lib/validations/image";

async function toViews(
  rows: { id: string; reference: string; note: string; createdById: string | null; createdAt: Date }[],
) {
  const ids = [...new Set(rows.map((r) => r.createdById).filter((x): x is string => !!x))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((u) => [
      u.id,
      u.email,
    ]),
  );
  return rows.map(
    (r): SharedImageView => ({
      id: r.id,
      reference: r.reference,
      note: r.note,
      createdBy: r.createdById ? (users.get(r.createdById) ?? null) : null,
      createdAt: r.createdAt.toISOString(),
    }),
  );
}

export async function listSharedImages(): Promise<SharedImageView[]> {
  return toViews(await db.sharedImage.findMany({ orderBy: { reference: "asc" } }));
}

function requireAdmin(actor: Actor) {
  if (!isAdmin(actor)) throw forbidden("Only an admin can share or unshare images");
}

export async function shareImage(
  actor: Actor,
  input: { reference: string; note: string },
): Promise<SharedImageView> {
  requireAdmin(actor);
  const reference = withDefaultTag(input.reference);
  if (await db.sharedImage.findUnique({ where: { reference } }))
    throw conflict(`${reference} is already shared`, { reference: "already shared" });
  const row = await db.sharedImage.create({ data: { reference, note: input.note, createdById: actor.id } });
  return (await toViews([row]))[0];
}

export async function unshareImage(actor: Actor, id: string) {
  requireAdmin(actor);
  const row = await db.sharedImage.findUnique({ where: { id } });
  if (!row) throw notFound("Shared image");
  await db.sharedImage.delete({ where: { id } });
  return { id, reference: row.reference };
}

/**
 * Start-up seed: the references in WHARF_SHARED_IMAGES (comma-separated) are shared if they are not yet.
 * scripts/run.sh and the test servers set it to the offline stand-ins of scripts/services/images.sh, so
 * the sample app keeps working for developers. Each new share is audited as done by "system".
 */
export async function seedSharedImages(list = process.env.WHARF_SHARED_IMAGES ?? "") {
  for (const raw of list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const parsed = ImageReference.safeParse(raw);
    if (!parsed.success) {
      console.error(`[wharf] WHARF_SHARED_IMAGES: "${raw}" is not an image reference; skipped`);
      continue;
    }
    const reference = withDefaultTag(parsed.data);
    if (await db.sharedImage.findUnique({ where: { reference } })) continue;
    const row = await db.sharedImage
      .create({ data: { reference, note: "WHARF_SHARED_IMAGES at start-up" } })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) return null; // another instance starting at the same moment seeded it
        throw err;
      });
    if (!row) continue;
    await recordAudit({
      action: "image.share",
      outcome: "success",
      actorEmail: "system",
      targetType: "shared-image",
      targetId: row.id,
      detail: { reference, via: "WHARF_SHARED_IMAGES" },
    });
  }
}
