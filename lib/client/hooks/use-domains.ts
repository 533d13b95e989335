"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { useInvalidate } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import type * as Domains from "@/lib/validations/domain";
import { appKeys } from "./use-apps";
import { tenantKeys } from "./use-tenants";
import type { z } from "zod";

export type { DomainView, TenantEdgeView } from "@/lib/validations/domain";

export const useAppDomains = (appId: string) =>
  useQuery(itemsQuery<Domains.DomainView>(appKeys.domains(appId), `/apps/${appId}/domains`));

/** A change to an app's domains: refreshes its list once it succeeds. */
function useDomainChange<V, D>(
  appId: string,
  options: { mutationFn: (v: V) => Promise<D>; meta?: { silent: boolean } },
) {
  const invalidate = useInvalidate(appKeys.domains(appId));
  return useMutation({ ...options, onSuccess: invalidate });
}

export const useAttachDomain = (appId: string) =>
  useDomainChange(appId, {
    mutationFn: (body: z.input<typeof Domains.DomainCreateInput>) =>
      api<Domains.DomainView>(`/apps/${appId}/domains`, { method: "POST", body }),
    meta: { silent: true },
  });

export const useDetachDomain = (appId: string) =>
  useDomainChange(appId, {
    mutationFn: (domainId: string) =>
      api<Domains.DomainView>(`/apps/${appId}/domains/${domainId}`, { method: "DELETE" }),
  });

/** Sets, replaces or removes (null) a domain's basic auth. */
export const useUpdateDomainAuth = (appId: string) =>
  useDomainChange(appId, {
    mutationFn: ({ id, body }: { id: string; body: z.input<typeof Domains.DomainUpdateInput> }) =>
      api<Domains.DomainView>(`/apps/${appId}/domains/${id}`, { method: "PATCH", body }),
    meta: { silent: true },
  });

/** Asks Wharf to fetch the domain's challenge URL and route it when the token matches. */
export const useVerifyDomain = (appId: string) =>
  useDomainChange(appId, {
    mutationFn: (domainId: string) =>
      api<Domains.DomainView>(`/apps/${appId}/domains/${domainId}/verify`, { method: "POST", body: {} }),
    meta: { silent: true },
  });

export const useApproveDomain = (appId: string) =>
  useDomainChange(appId, {
    mutationFn: (domainId: string) =>
      api<Domains.DomainView>(`/apps/${appId}/domains/${domainId}/approve`, { method: "POST", body: {} }),
  });

export const useTenantEdge = (tenantId: string | null) =>
  useQuery({
    queryKey: tenantKeys.edge(tenantId ?? ""),
    queryFn: () => api<Domains.TenantEdgeView>(`/tenants/${tenantId}/edge`),
    enabled: !!tenantId,
  });

export function useSetTenantEdge(tenantId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof Domains.TenantEdgeInput>) =>
      api<Domains.TenantEdgeView>(`/tenants/${tenantId}/edge`, { method: "PUT", body }),
    onSuccess: (view) => qc.setQueryData(tenantKeys.edge(tenantId), view),
    meta: { silent: true },
  });
}
