import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import { createAt, useInvalidate } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import type * as Users from "@/lib/validations/user";
import type { z } from "zod";

const root = rootKey("users");
export const userKeys = { all: root() };

export const useUsers = () => useQuery(itemsQuery<Users.UserView>(userKeys.all, "/users"));

export function useUserMutations() {
  const invalidate = useInvalidate(userKeys.all);
  return {
    create: useMutation(
      createAt<z.input<typeof Users.UserCreateInput>, Users.UserCreatedView>("/users", invalidate),
    ),
    update: useMutation({
      mutationFn: ({ id, ...body }: z.input<typeof Users.UserUpdateInput> & { id: string }) =>
        api<Users.UserUpdatedView>(`/users/${id}`, { method: "PATCH", body }),
      onSuccess: invalidate,
    }),
  };
}
