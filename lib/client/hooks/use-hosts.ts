import { useMutation, useQuery } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import { createAt, removeAt, updateAt, useInvalidate } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import type { HostView } from "@/lib/validations/fleet";
import type { HostCreateInput, HostFiguresView, HostUpdateInput } from "@/lib/validations/host";
import type { z } from "zod";

const root = rootKey("hosts");
/** The live stream patches status and counts into `list` and `detail` (lib/client/hooks/use-fleet.ts). */
export const hostKeys = {
  all: root(),
  /** Every host the caller may see, or those granted to one tenant (the tenant context). */
  list: (tenantId?: string) => root("list", tenantId ?? "all"),
  lists: root("list"),
  /** One host, its counts those of the tenant context (like `list`). */
  detail: (id: string, tenantId?: string) => root("detail", id, tenantId ?? "all"),
  details: (id: string) => root("detail", id),
  /** A host's engine resources (images, volumes, networks, disk usage, events): lib/client/hooks/use-host-resources.ts. */
  resources: (hostId: string) => root("resources", hostId),
  /** Its own figures from its node exporter (GET /hosts/{id}/figures). */
  figures: (id: string) => root("figures", id),
  resource: (hostId: string, part: string, extra?: unknown) =>
    root("resources", hostId, part, ...(extra === undefined ? [] : [extra])),
};

/**
 * Every host the caller may see (the host pickers of the app and build forms), or, with `tenantId` (the tenant
 * context: the hosts page, the container filters), the hosts granted to that tenant, with its container counts.
 */
export const useHosts = (tenantId?: string) =>
  useQuery(itemsQuery<HostView>(hostKeys.list(tenantId), `/hosts${qs({ tenantId })}`));
/** One host; with `tenantId` (the tenant context) its container counts are that tenant's. */
export const useHost = (id: string, tenantId?: string) =>
  useQuery({
    queryKey: hostKeys.detail(id, tenantId),
    queryFn: () => api<HostView>(`/hosts/${id}${qs({ tenantId })}`),
  });

/** The host's own figures from its node exporter, every 10 s (the server reads the exporter at most every 5 s). */
export const useHostFigures = (id: string, enabled = true) =>
  useQuery({
    queryKey: hostKeys.figures(id),
    queryFn: () => api<HostFiguresView>(`/hosts/${id}/figures`),
    refetchInterval: 10_000,
    enabled,
  });

export function useHostMutations() {
  const invalidate = useInvalidate(hostKeys.all);
  return {
    create: useMutation(createAt<z.input<typeof HostCreateInput>, HostView>("/hosts", invalidate)),
    update: useMutation(updateAt<z.input<typeof HostUpdateInput>, HostView>("/hosts", invalidate)),
    remove: useMutation(removeAt("/hosts", invalidate)),
    setGrants: useMutation({
      mutationFn: ({ id, tenantIds }: { id: string; tenantIds: string[] }) =>
        api<HostView>(`/hosts/${id}/grants`, { method: "PUT", body: { tenantIds } }),
      onSuccess: invalidate,
    }),
  };
}
