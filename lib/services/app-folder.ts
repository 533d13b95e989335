import "server-only";
// Any source → what resolveSource reads: a repository is cloned and an uploaded archive extracted first, each into
// a temporary folder the caller removes after the plan or deploy (lib/builds/workdir.ts).
import type { Actor } from "@/lib/auth/actor";
import type { AppVariables } from "@/lib/deploy/app-variables";
import { checkoutArchive } from "@/lib/services/app-archive";
import { checkoutRepository, type Materialized } from "@/lib/services/app-repository";
import type { SourceInput } from "@/lib/validations/app";

/** `at`: the app (null while it is being created) and its project, whose uploads an archive source may name. */
export async function materialize(
  actor: Actor,
  at: { appId: string | null; projectId: string },
  source: SourceInput,
  variables: AppVariables,
): Promise<Materialized> {
  if (source.type === "repository") return checkoutRepository(actor, at.appId, source.repository, variables);
  if (source.type === "archive") return checkoutArchive(at.projectId, source.archive, variables);
  return { source, checkout: null, folder: null };
}
