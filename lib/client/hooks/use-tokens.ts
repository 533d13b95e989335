"use client";
import { useQuery } from "@tanstack/react-query";
import { rootKey } from "@/lib/client/keys";
import { useAddRemove } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import type { CreatedTokenView, TokenCreateInput, TokenView } from "@/lib/validations/auth";
import type { z } from "zod";

const root = rootKey("tokens");
export const tokenKeys = { all: root() };

export const useTokens = () => useQuery(itemsQuery<TokenView>(tokenKeys.all, "/tokens"));

export function useTokenMutations() {
  const { add, remove } = useAddRemove<z.input<typeof TokenCreateInput>, CreatedTokenView>(
    "/tokens",
    tokenKeys.all,
  );
  return { create: add, revoke: remove };
}
