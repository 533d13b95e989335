"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import { useInvalidate } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import type {
  MarkedReadView,
  NotificationPreferenceInput,
  NotificationPreferenceView,
  NotificationView,
  UnreadCountView,
} from "@/lib/validations/alerts";
import type { z } from "zod";

const root = rootKey("notifications");
export const notificationKeys = {
  all: root(),
  list: () => root("list"),
  unread: () => root("unread"),
  preferences: () => root("preferences"),
};

/** The header's badge: a small count, asked for every 10 s (one indexed COUNT per user). */
export const useUnreadCount = () =>
  useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: () => api<UnreadCountView>("/notifications/unread").then((r) => r.unread),
    refetchInterval: 10_000,
  });

export const useNotifications = () =>
  useQuery({
    ...itemsQuery<NotificationView>(notificationKeys.list(), "/notifications"),
    refetchInterval: 10_000,
  });

export const useNotificationPreferences = () =>
  useQuery({
    queryKey: notificationKeys.preferences(),
    queryFn: () => api<NotificationPreferenceView>("/notifications/preferences"),
  });

export function useNotificationMutations() {
  const invalidate = useInvalidate(notificationKeys.all);
  return {
    markRead: useMutation({
      mutationFn: (body: { ids?: string[]; all?: boolean }) =>
        api<MarkedReadView>("/notifications/read", { method: "POST", body }),
      onSuccess: invalidate,
    }),
    savePreferences: useMutation({
      mutationFn: (body: z.input<typeof NotificationPreferenceInput>) =>
        api<NotificationPreferenceView>("/notifications/preferences", { method: "PUT", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
  };
}
