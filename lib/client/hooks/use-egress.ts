"use client";
import { useQuery } from "@tanstack/react-query";
import { rootKey } from "@/lib/client/keys";
import { useAddRemove } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import type { EgressAllowInput, EgressAllowView } from "@/lib/validations/egress";
import type { z } from "zod";

const root = rootKey("egress");
export const egressKeys = { all: root(), allow: root("allow") };

export const useEgressAllow = () => useQuery(itemsQuery<EgressAllowView>(egressKeys.allow, "/egress/allow"));

export const useEgressAllowMutations = () =>
  useAddRemove<z.input<typeof EgressAllowInput>, EgressAllowView>("/egress/allow", egressKeys.all);
