import { isAdmin } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/current";
import { templateKeys } from "@/lib/client/hooks/use-templates";
import { listTemplates } from "@/lib/services/templates";
import { Prefetched } from "../prefetched";
import { TemplatesView } from "./templates-view";

export const metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const actor = await requireActor();
  return (
    <Prefetched seeds={[{ queryKey: templateKeys.all, load: listTemplates }]}>
      <TemplatesView canEdit={isAdmin(actor)} />
    </Prefetched>
  );
}
