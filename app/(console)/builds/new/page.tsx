import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current";
import { buildConfig } from "@/lib/builds/config";
import { NewBuildView } from "./new-build-view";

export const metadata = { title: "New build" };

export default async function NewBuildPage() {
  const actor = await requireActor();
  return (
    <>
      <PageHeader
        title="New build"
        description="The engine on the chosen host builds the image; you can watch its log live."
      />
      <Suspense>
        <NewBuildView isAdmin={actor.globalRole === "admin"} contextMaxBytes={buildConfig.contextMaxBytes} />
      </Suspense>
    </>
  );
}
