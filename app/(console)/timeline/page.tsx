import { requireActor } from "@/lib/auth/current";
import { TimelineView } from "./timeline-view";

export const metadata = { title: "Timeline" };

/** Everyone signed in: the events are scoped per tenant by the API (admins and ops see the whole fleet). */
export default async function TimelinePage() {
  await requireActor();
  return <TimelineView />;
}
