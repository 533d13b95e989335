import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current";
import { AppsView } from "./apps-view";

export default async function AppsPage() {
  await requireActor();
  return (
    <>
      <PageHeader
        title="Apps"
        description="Every app in your tenants' projects. Create one from a project page."
      />
      <AppsView />
    </>
  );
}
