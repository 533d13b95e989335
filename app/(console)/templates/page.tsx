import { TemplatesView } from "@/components/templates/templates-view";
import { isAdmin } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/current";

export const metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const actor = await requireActor();
  return <TemplatesView canEdit={isAdmin(actor)} />;
}
