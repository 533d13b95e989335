import { Suspense } from "react";
import { NewBuildForm } from "@/components/builds/new-build-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current";
import { buildConfig } from "@/lib/builds/config";

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
        <NewBuildForm isAdmin={actor.globalRole === "admin"} contextMaxBytes={buildConfig.contextMaxBytes} />
      </Suspense>
    </>
  );
}
