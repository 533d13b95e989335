import { isAdmin } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/current";
import { TemplatesView } from "./templates-view";

export const metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const actor = await requireActor();
  return <TemplatesView canEdit={isAdmin(actor)} />;
}
