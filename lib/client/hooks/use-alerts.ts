"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/api";
import { notificationKeys } from "@/lib/client/hooks/use-notifications";
import { rootKey } from "@/lib/client/keys";
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
    queryKey: alertKeys.list(tenantId),
    queryFn: () => api<{ items: AlertView[] }>(`/alerts${qs({ tenantId })}`).then((r) => r.items),
    refetchInterval: REFRESH_MS,
  });

export const useAlert = (id: string) =>
  useQuery({
    queryKey: alertKeys.detail(id),
    queryFn: () => api<AlertDetailView>(`/alerts/${id}`),
    refetchInterval: REFRESH_MS,
  });

export const useAlertRules = (tenantId?: string) =>
  useQuery({
    queryKey: alertKeys.rules(tenantId),
    queryFn: () => api<{ items: AlertRuleView[] }>(`/alert-rules${qs({ tenantId })}`).then((r) => r.items),
  });

export const useAlertChannels = (tenantId?: string) =>
  useQuery({
    queryKey: alertKeys.channels(tenantId),
    queryFn: () =>
      api<{ items: AlertChannelView[] }>(`/alert-channels${qs({ tenantId })}`).then((r) => r.items),
  });

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
    createRule: useMutation({
      mutationFn: (body: z.input<typeof AlertRuleCreateInput>) =>
        api<AlertRuleView>("/alert-rules", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    updateRule: useMutation({
      mutationFn: ({ id, ...body }: z.input<typeof AlertRuleUpdateInput> & { id: string }) =>
        api<AlertRuleView>(`/alert-rules/${id}`, { method: "PATCH", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    silenceRule: useMutation({
      mutationFn: ({ id, until }: { id: string; until: string | null }) =>
        api<AlertRuleView>(`/alert-rules/${id}/silence`, { method: "POST", body: { until } }),
      onSuccess: invalidate,
    }),
    removeRule: useMutation({
      mutationFn: (id: string) => api(`/alert-rules/${id}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
    createChannel: useMutation({
      mutationFn: (body: z.input<typeof AlertChannelCreateInput>) =>
        api<AlertChannelView>("/alert-channels", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    updateChannel: useMutation({
      mutationFn: ({ id, ...body }: z.input<typeof AlertChannelUpdateInput> & { id: string }) =>
        api<AlertChannelView>(`/alert-channels/${id}`, { method: "PATCH", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    testChannel: useMutation({
      mutationFn: (id: string) => api<SendView>(`/alert-channels/${id}/test`, { method: "POST", body: {} }),
      onSuccess: invalidate,
    }),
    removeChannel: useMutation({
      mutationFn: (id: string) => api(`/alert-channels/${id}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
  };
}
