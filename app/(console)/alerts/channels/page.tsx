import { requireActor } from "@/lib/auth/current";
import { ChannelsView } from "./channels-view";
import { alertOwners } from "../owners";

export const metadata = { title: "Notification channels" };

export default async function AlertChannelsPage() {
  const actor = await requireActor();
  const { tenants, channelOwners } = await alertOwners(actor);
  return <ChannelsView tenants={tenants} owners={channelOwners} />;
}
