import { requireActor } from "@/lib/auth/current";
import { ContainersView } from "./containers-view";

export const metadata = { title: "Containers" };

export default async function ContainersPage() {
  const actor = await requireActor();
  return <ContainersView seesEverything={actor.globalRole !== "none"} />;
}
