import { orNotFound, requireActor } from "@/lib/auth/current";
import { tenantRole } from "@/lib/authz";
import { buildConfig } from "@/lib/builds/config";
import { getBuild } from "@/lib/services/builds";
import { roleAtLeast } from "@/lib/validations/roles";
import { BuildPageView } from "./build-page-view";

export const metadata = { title: "Build" };

export default async function BuildPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const build = await orNotFound(getBuild(actor, id));
  const canWrite = roleAtLeast(tenantRole(actor, build.tenantId), "developer");
  return <BuildPageView id={id} initial={build} canWrite={canWrite} logMaxBytes={buildConfig.logMaxBytes} />;
}
