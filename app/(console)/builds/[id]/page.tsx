import { buildTitle } from "@/components/builds/format";
import { orNotFound, requireActor } from "@/lib/auth/current";
import { tenantRole } from "@/lib/authz";
import { buildConfig } from "@/lib/builds/config";
import { getBuild } from "@/lib/services/builds";
import { roleAtLeast } from "@/lib/validations/roles";
import { BuildPageView } from "./build-page-view";

type Params = { params: Promise<{ id: string }> };

/** The tab names the build's source, like its page header (a build the reader cannot see stays "Build"). */
export async function generateMetadata({ params }: Params) {
  const actor = await requireActor();
  const build = await getBuild(actor, (await params).id).catch(() => null);
  return { title: build ? `Build ${buildTitle(build)}` : "Build" };
}

export default async function BuildPage({ params }: Params) {
  const actor = await requireActor();
  const { id } = await params;
  const build = await orNotFound(getBuild(actor, id));
  const canWrite = roleAtLeast(tenantRole(actor, build.tenantId), "developer");
  return <BuildPageView id={id} initial={build} canWrite={canWrite} logMaxBytes={buildConfig.logMaxBytes} />;
}
