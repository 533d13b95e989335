import { requireActor } from "@/lib/auth/current";
import { userKeys } from "@/lib/client/hooks/use-users";
import { listUsers } from "@/lib/services/users";
import { UsersView } from "./users-view";
import { Prefetched } from "../../prefetched";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireActor({ globalRole: "admin" });
  return (
    <Prefetched seeds={[{ queryKey: userKeys.all, load: listUsers }]}>
      <UsersView selfId={actor.id} />
    </Prefetched>
  );
}
