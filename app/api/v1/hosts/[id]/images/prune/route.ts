import { readJson, withAuth } from "@/lib/api/with-auth";
import { pruneImages } from "@/lib/docker/images";
import { rethrow } from "@/lib/ops/engine-errors";
import { hostConnection } from "@/lib/services/hosts";
import { ImagePruneInput } from "@/lib/validations/ops";

/** Removes images no container uses: dangling only by default, every unused one with all=true; `label` narrows it. */
export const POST = withAuth(
  async ({ req, params, audit }) => {
    const input = ImagePruneInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "host", targetId: params.id, detail: input });
    const res = await pruneImages(await hostConnection(params.id), input).catch(rethrow("Host"));
    Object.assign(audit, {
      detail: { ...input, deleted: res.deleted.length, spaceReclaimedBytes: res.spaceReclaimedBytes },
    });
    return res;
  },
  { action: "image.prune", globalRole: "ops" },
);
