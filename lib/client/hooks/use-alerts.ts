"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/api";
import { notificationKeys } from "@/lib/client/hooks/use-notifications";
import { rootKey } from "@/lib/client/keys";
import { createAt, removeAt, updateAt } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import type {
  AlertChannelCreateInput,
  AlertChannelUpdateInput,
  AlertChannelView,
  AlertDetailView,
  AlertRuleCreateInput,
  AlertRuleUpdateInput,
  AlertRuleView,
  AlertView,
  SendView,
} from "@/lib/validations/alerts";
import type { z } from "zod";

const root = rootKey("alerts");
export const alertKeys = {
  all: root(),
  list: (tenantId?: string) => root("list", tenantId ?? "all"),
  detail: (id: string) => root("detail", id),
  rules: (tenantId?: string) => root("rules", tenantId ?? "all"),
  channels: (tenantId?: string) => root("channels", tenantId ?? "all"),
};

// Alerts change on the server's own schedule (the evaluation loop): lists refresh every few seconds while open.
const REFRESH_MS = 10_000;

export const useAlerts = (tenantId?: string) =>
  useQuery({
    ...itemsQuery<AlertView>(alertKeys.list(tenantId), `/alerts${qs({ tenantId })}`),
    refetchInterval: REFRESH_MS,
  });

export const useAlert = (id: string) =>
  useQuery({
    queryKey: alertKeys.detail(id),
    queryFn: () => api<AlertDetailView>(`/alerts/${id}`),
    refetchInterval: REFRESH_MS,
  });

export const useAlertRules = (tenantId?: string) =>
  useQuery(itemsQuery<AlertRuleView>(alertKeys.rules(tenantId), `/alert-rules${qs({ tenantId })}`));

export const useAlertChannels = (tenantId?: string) =>
  useQuery(itemsQuery<AlertChannelView>(alertKeys.channels(tenantId), `/alert-channels${qs({ tenantId })}`));

export function useAlertMutations() {
  const qc = useQueryClient();
  const invalidate = async () => {
    await qc.invalidateQueries({ queryKey: alertKeys.all });
    await qc.invalidateQueries({ queryKey: notificationKeys.all });
  };
  return {
    acknowledge: useMutation({
      mutationFn: (id: string) => api<AlertView>(`/alerts/${id}/acknowledge`, { method: "POST", body: {} }),
      onSuccess: invalidate,
    }),
    silence: useMutation({
      mutationFn: ({ id, until }: { id: string; until: string | null }) =>
        api<AlertView>(`/alerts/${id}/silence`, { method: "POST", body: { until } }),
      onSuccess: invalidate,
    }),
    createRule: useMutation(
      createAt<z.input<typeof AlertRuleCreateInput>, AlertRuleView>("/alert-rules", invalidate),
    ),
    updateRule: useMutation(
      updateAt<z.input<typeof AlertRuleUpdateInput>, AlertRuleView>("/alert-rules", invalidate),
    ),
    silenceRule: useMutation({
      mutationFn: ({ id, until }: { id: string; until: string | null }) =>
        api<AlertRuleView>(`/alert-rules/${id}/silence`, { method: "POST", body: { until } }),
      onSuccess: invalidate,
    }),
    removeRule: useMutation(removeAt("/alert-rules", invalidate)),
    createChannel: useMutation(
      createAt<z.input<typeof AlertChannelCreateInput>, AlertChannelView>("/alert-channels", invalidate),
    ),
    updateChannel: useMutation(
      updateAt<z.input<typeof AlertChannelUpdateInput>, AlertChannelView>("/alert-channels", invalidate),
    ),
    testChannel: useMutation({
      mutationFn: (id: string) => api<SendView>(`/alert-channels/${id}/test`, { method: "POST", body: {} }),
      onSuccess: invalidate,
    }),
    removeChannel: useMutation(removeAt("/alert-channels", invalidate)),
  };
}
