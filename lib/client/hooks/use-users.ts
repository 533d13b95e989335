import { useMutation, useQuery } from "@tanstack/react-query";
import { api, apiItems } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import { createAt, useInvalidate } from "@/lib/client/mutations";
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
    queryFn: () => apiItems<UserView>("/users"),
  });

export function useUserMutations() {
  const invalidate = useInvalidate(userKeys.all);
  return {
    create: useMutation({
      ...createAt<z.input<typeof UserCreateInput>, UserCreatedView>("/users"),
      onSuccess: invalidate,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: z.input<typeof UserUpdateInput> & { id: string }) =>
        api<UserUpdatedView>(`/users/${id}`, { method: "PATCH", body }),
      onSuccess: invalidate,
    }),
  };
}
