import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type {
  UserCreatedView,
  UserCreateInput,
  UserUpdatedView,
  UserUpdateInput,
  UserView,
} from "@/lib/validations/user";
import type { z } from "zod";

const root = rootKey("users");
export const userKeys = { all: root() };

export const useUsers = () =>
  useQuery({
    queryKey: userKeys.all,
    queryFn: () => api<{ items: UserView[] }>("/users").then((r) => r.items),
  });

export function useUserMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: userKeys.all });
  return {
    create: useMutation({
      mutationFn: (body: z.input<typeof UserCreateInput>) =>
        api<UserCreatedView>("/users", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: z.input<typeof UserUpdateInput> & { id: string }) =>
        api<UserUpdatedView>(`/users/${id}`, { method: "PATCH", body }),
      onSuccess: invalidate,
    }),
  };
}
