"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { itemsQuery } from "@/lib/client/queries";
import type {
  DomainCreateInput,
  DomainUpdateInput,
  DomainView,
  TenantEdgeInput,
  TenantEdgeView,
} from "@/lib/validations/domain";
import { appKeys } from "./use-apps";
import { tenantKeys } from "./use-tenants";
import type { z } from "zod";

export type { DomainView, TenantEdgeView };

export const useAppDomains = (appId: string) =>
  useQuery(itemsQuery<DomainView>(appKeys.domains(appId), `/apps/${appId}/domains`));

export function useAttachDomain(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof DomainCreateInput>) =>
      api<DomainView>(`/apps/${appId}/domains`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.domains(appId) }),
    meta: { silent: true },
  });
}

export function useDetachDomain(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (domainId: string) =>
      api<DomainView>(`/apps/${appId}/domains/${domainId}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.domains(appId) }),
  });
}

/** Sets, replaces or removes (null) a domain's basic auth. */
export function useUpdateDomainAuth(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.input<typeof DomainUpdateInput> }) =>
      api<DomainView>(`/apps/${appId}/domains/${id}`, { method: "PATCH", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.domains(appId) }),
    meta: { silent: true },
  });
}

/** Asks Wharf to fetch the domain's challenge URL and route it when the token matches. */
export function useVerifyDomain(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (domainId: string) =>
      api<DomainView>(`/apps/${appId}/domains/${domainId}/verify`, { method: "POST", body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.domains(appId) }),
    meta: { silent: true },
  });
}

export function useApproveDomain(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (domainId: string) =>
      api<DomainView>(`/apps/${appId}/domains/${domainId}/approve`, { method: "POST", body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.domains(appId) }),
  });
}

export const useTenantEdge = (tenantId: string | null) =>
  useQuery({
    queryKey: tenantKeys.edge(tenantId ?? ""),
    queryFn: () => api<TenantEdgeView>(`/tenants/${tenantId}/edge`),
    enabled: !!tenantId,
  });

export function useSetTenantEdge(tenantId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof TenantEdgeInput>) =>
      api<TenantEdgeView>(`/tenants/${tenantId}/edge`, { method: "PUT", body }),
    onSuccess: (view) => qc.setQueryData(tenantKeys.edge(tenantId), view),
    meta: { silent: true },
  });
}
