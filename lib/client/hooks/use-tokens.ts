"use client";
import { useQuery } from "@tanstack/react-query";
import { apiItems } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import { useAddRemove } from "@/lib/client/mutations";
import type { CreatedTokenView, TokenCreateInput, TokenView } from "@/lib/validations/auth";
import type { z } from "zod";

const root = rootKey("tokens");
export const tokenKeys = { all: root() };

export const useTokens = () =>
  useQuery({
    queryKey: tokenKeys.all,
    queryFn: () => apiItems<TokenView>("/tokens"),
  });

export function useTokenMutations() {
  const { add, remove } = useAddRemove<z.input<typeof TokenCreateInput>, CreatedTokenView>(
    "/tokens",
    tokenKeys.all,
  );
  return { create: add, revoke: remove };
}
