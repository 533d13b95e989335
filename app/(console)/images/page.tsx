import { isAdmin } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/current";
import { SharedImagesView } from "./shared-images-view";

export const metadata = { title: "Shared images" };

export default async function SharedImagesPage() {
  const actor = await requireActor();
  return <SharedImagesView canShare={isAdmin(actor)} />;
}
