import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current";
import { VolumeDriversCard } from "./volume-drivers-card";

export const metadata = { title: "Policy" };

export default async function PolicyPage() {
  await requireActor({ globalRole: "admin" });
  return (
    <>
      <PageHeader
        title="Policy"
        description="What tenants may ask of the hosts. Published port ranges are set per host, on each host's page."
      />
      <div className="max-w-xl">
        <VolumeDriversCard />
      </div>
    </>
  );
}
