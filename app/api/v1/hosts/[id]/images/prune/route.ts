import { readJson, withAuth } from "@/lib/api/with-auth";
import { pruneHostImages } from "@/lib/services/host-engine";
import { ImagePruneInput } from "@/lib/validations/ops";

/** Removes images no container uses: dangling only by default, every unused one with all=true; `label` narrows it. */
export const POST = withAuth(
  async ({ req, params, audit }) => {
    const input = ImagePruneInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "host", targetId: params.id, detail: input });
    const res = await pruneHostImages(params.id, input);
    Object.assign(audit, {
      detail: { ...input, deleted: res.deleted.length, spaceReclaimedBytes: res.spaceReclaimedBytes },
    });
    return res;
  },
  { action: "image.prune", globalRole: "ops" },
);
