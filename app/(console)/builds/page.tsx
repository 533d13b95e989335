import { Suspense } from "react";
import { requireActor } from "@/lib/auth/current";
import { listTenants } from "@/lib/services/tenants";
import { roleAtLeast } from "@/lib/validations/roles";
import { BuildsView } from "./builds-view";

export const metadata = { title: "Builds" };

export default async function BuildsPage() {
  const actor = await requireActor();
  const canBuild = (await listTenants(actor)).some((t) => roleAtLeast(t.role, "developer"));
  return (
    <Suspense>
      <BuildsView canBuild={canBuild} />
    </Suspense>
  );
}
