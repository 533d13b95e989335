import { readJson, withAuth } from "@/lib/api/with-auth";
import { actOnContainers } from "@/lib/services/containers";
import { ContainerBulkInput } from "@/lib/validations/ops";

/** Start, stop, restart or remove several containers; each row answered (and audited) like the single request. */
export const POST = withAuth(async ({ req, actor }) =>
  actOnContainers(actor, ContainerBulkInput.parse(await readJson(req))),
);
