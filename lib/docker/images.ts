import "server-only";
import { z } from "zod";
import { dockerFor, type HostConnection } from "@/lib/docker/client";
import { imageSharedSizes } from "@/lib/docker/system";
import type { ImagePruneView, ImageView } from "@/lib/validations/ops-views";

// The engine's answers to DELETE /images/{id} and POST /images/prune: each entry names either a deleted or an
// untagged image, and ImagesDeleted is null when nothing went (dockerode types them as never-empty strings).
const RemovedImages = z.array(z.object({ Deleted: z.string().nullish(), Untagged: z.string().nullish() }));
const PrunedImages = z.object({
  ImagesDeleted: z.array(z.object({ Deleted: z.string().nullish() })).nullish(),
  SpaceReclaimed: z.number().nullish(),
});

/** Images with the containers (running or not) that use each one, so the user sees what a removal would break. */
export async function listImages(host: HostConnection): Promise<ImageView[]> {
  const { call } = dockerFor(host);
  // shared-size makes the engine compute SharedSize (else -1), so sizes agree with the disk-use card.
  const listOptions = { all: false, "shared-size": true };
  const [images, containers] = await Promise.all([
    call.listImages(listOptions),
    call.listContainers({ all: true }),
  ]);
  // Engines before API 1.42 (20.10 here) ignore shared-size and answer -1: then /system/df's figures, which the
  // disk-use card reads too (else an unused image's "reclaimable" counted its shared base layers: 386 MiB vs 9 KiB).
  const shared = images.some((i) => i.SharedSize < 0) ? await imageSharedSizes(host) : undefined;
  const users = new Map<string, ImageView["containers"]>();
  for (const c of containers) {
    const list = users.get(c.ImageID) ?? users.set(c.ImageID, []).get(c.ImageID)!;
    list.push({ id: c.Id, name: (c.Names[0] ?? "").replace(/^\//, ""), state: c.State });
  }
  return images
    .map((i) => {
      const tags = (i.RepoTags ?? []).filter((t) => t !== "<none>:<none>");
      return {
        id: i.Id,
        tags,
        sizeBytes: i.Size,
        uniqueBytes: i.Size - (i.SharedSize >= 0 ? i.SharedSize : (shared?.get(i.Id) ?? 0)),
        createdAt: new Date(i.Created * 1000).toISOString(),
        containers: users.get(i.Id) ?? [],
        dangling: tags.length === 0,
      };
    })
    .sort((a, b) => b.sizeBytes - a.sizeBytes);
}

export async function removeImage(
  host: HostConnection,
  id: string,
  force: boolean,
): Promise<{ deleted: string[]; untagged: string[] }> {
  const res = RemovedImages.parse(await dockerFor(host).stream.getImage(id).remove({ force }));
  return {
    deleted: res.flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
    untagged: res.flatMap((r) => (r.Untagged ? [r.Untagged] : [])),
  };
}

/**
 * Removes images no container uses. `all: false` (the default) only removes dangling (untagged) ones,
 * like `docker image prune`; `all: true` also removes unused tagged images. `label` narrows it further.
 */
export async function pruneImages(
  host: HostConnection,
  opts: { all: boolean; label?: string },
): Promise<ImagePruneView> {
  const filters: Record<string, string[]> = { dangling: [opts.all ? "false" : "true"] };
  if (opts.label) filters.label = [opts.label];
  const res = PrunedImages.parse(
    await dockerFor(host).stream.pruneImages({ filters: JSON.stringify(filters) }),
  );
  return {
    deleted: (res.ImagesDeleted ?? []).flatMap((d) => (d.Deleted ? [d.Deleted] : [])),
    spaceReclaimedBytes: res.SpaceReclaimed ?? 0,
  };
}
