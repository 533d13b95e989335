"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { HostCounts, HostLiveStatus } from "@/lib/validations/fleet-views";

export type EngineInfo = {
  engineId: string;
  name: string;
  version: string;
  apiVersion: string;
  os: string;
  kernel: string;
  arch: string;
  cpus: number;
  memoryBytes: number;
  swarmRole: "manager" | "worker" | "none";
};
export type Host = {
  id: string;
  name: string;
  url: string;
  labels: Record<string, string>;
  engine: Partial<EngineInfo>;
  createdAt: string;
  tenantIds: string[];
  status: HostLiveStatus;
  containers: HostCounts;
};
export type HostInput = {
  name: string;
  url: string;
  tls?: { ca: string; cert: string; key: string };
  labels: Record<string, string>;
};

/** Host keys are rooted at "hosts"; the stream patches status and counts into them (lib/client/hooks/use-fleet.ts). */
export const hostKeys = {
  all: ["hosts"] as const,
  list: ["hosts", "list"] as const,
  detail: (id: string) => ["hosts", "detail", id] as const,
};

export const useHosts = () =>
  useQuery({ queryKey: hostKeys.list, queryFn: () => api<{ items: Host[] }>("/hosts").then((r) => r.items) });
export const useHost = (id: string) =>
  useQuery({ queryKey: hostKeys.detail(id), queryFn: () => api<Host>(`/hosts/${id}`) });

export function useHostMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: hostKeys.all });
  return {
    create: useMutation({
      mutationFn: (body: HostInput) => api<Host>("/hosts", { method: "POST", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: { id: string; name?: string; labels?: Record<string, string> }) =>
        api<Host>(`/hosts/${id}`, { method: "PATCH", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    remove: useMutation({
      mutationFn: (id: string) => api(`/hosts/${id}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
    setGrants: useMutation({
      mutationFn: ({ id, tenantIds }: { id: string; tenantIds: string[] }) =>
        api<Host>(`/hosts/${id}/grants`, { method: "PUT", body: { tenantIds } }),
      onSuccess: invalidate,
    }),
  };
}
