import { requireActor } from "@/lib/auth/current";
import { UsersView } from "./users-view";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireActor({ globalRole: "admin" });
  return <UsersView selfId={actor.id} />;
}
