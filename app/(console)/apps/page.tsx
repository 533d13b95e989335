import { AllApps } from "@/components/apps/all-apps";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current";

export default async function AppsPage() {
  await requireActor();
  return (
    <>
      <PageHeader
        title="Apps"
        description="Every app in your tenants' projects. Create one from a project page."
      />
      <AllApps />
    </>
  );
}
