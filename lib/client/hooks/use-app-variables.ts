"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { VariableInput, VariableView } from "@/lib/validations/app-variables";
import { appKeys } from "./use-apps";

export type { VariableView };
/** What a form sends: `value` left out keeps the stored one (a secret is never read back). */
export type VariableDraft = { name: string; value?: string; secret: boolean };

export const useAppVariables = (appId: string) =>
  useQuery({
    queryKey: appKeys.variables(appId),
    queryFn: () => api<{ variables: VariableView[] }>(`/apps/${appId}/variables`).then((r) => r.variables),
  });

/** PUT replaces the whole set; PATCH sets only the names sent (the missing-variables form). */
export const saveAppVariables = (
  appId: string,
  variables: VariableInput[] | VariableDraft[],
  mode: "PUT" | "PATCH",
) => api<{ variables: VariableView[] }>(`/apps/${appId}/variables`, { method: mode, body: { variables } });

export function useSaveAppVariables(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ variables, mode }: { variables: VariableDraft[]; mode: "PUT" | "PATCH" }) =>
      saveAppVariables(appId, variables, mode),
    onSuccess: (r) => qc.setQueryData(appKeys.variables(appId), r.variables),
    meta: { silent: true },
  });
}
