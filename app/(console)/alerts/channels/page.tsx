import { ChannelsView } from "@/components/alerts/channels-view";
import { requireActor } from "@/lib/auth/current";
import { alertOwners } from "../owners";

export const metadata = { title: "Notification channels" };

export default async function AlertChannelsPage() {
  const actor = await requireActor();
  const { tenants, channelOwners } = await alertOwners(actor);
  return <ChannelsView tenants={tenants} owners={channelOwners} />;
}
