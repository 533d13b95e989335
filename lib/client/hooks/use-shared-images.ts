"use client";
import { useQuery } from "@tanstack/react-query";
import { rootKey } from "@/lib/client/keys";
import { useAddRemove } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import type { SharedImageInput, SharedImageView } from "@/lib/validations/image";
import type { z } from "zod";

const root = rootKey("shared-images");
export const sharedImageKeys = { all: root() };

export const useSharedImages = () =>
  useQuery(itemsQuery<SharedImageView>(sharedImageKeys.all, "/images/shared"));

export function useSharedImageMutations() {
  const { add, remove } = useAddRemove<z.input<typeof SharedImageInput>, SharedImageView>(
    "/images/shared",
    sharedImageKeys.all,
  );
  return { share: add, unshare: remove };
}
