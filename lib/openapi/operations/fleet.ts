import { list } from "@/lib/openapi/list";
import type { Operation } from "@/lib/openapi/types";
import { TenantScopeQuery } from "@/lib/validations/common";
import { ContainerListQuery, HostView, StreamQuery } from "@/lib/validations/fleet";
import { ContainerListPage, FleetCounters } from "@/lib/validations/fleet-views";
import {
  HostBulkCreateInput,
  HostCreateInput,
  HostFiguresView,
  HostGrantsInput,
  HostUpdateInput,
} from "@/lib/validations/host";

export const fleetOperations: Operation[] = [
  {
    method: "get",
    path: "/hosts",
    tag: "fleet",
    summary:
      "Hosts you can see, with live status and container counts (tenantId: hosts granted to that tenant, with its counts)",
    query: TenantScopeQuery,
    response: list(HostView),
  },
  {
    method: "post",
    path: "/hosts",
    tag: "fleet",
    summary: "Add a host (admin): unix socket or tcp:// with TLS; the connection is tested first",
    body: HostCreateInput,
    response: HostView,
    status: 201,
  },
  {
    method: "post",
    path: "/hosts/bulk",
    tag: "fleet",
    summary:
      "Add up to 100 hosts at once (admin), all or none: each is checked and its connection tested first; a field error names its index (hosts.3.url)",
    body: HostBulkCreateInput,
    response: list(HostView),
    status: 201,
  },
  {
    method: "get",
    path: "/hosts/{id}",
    tag: "fleet",
    summary:
      "A host with engine info, live status and container counts (those you can see; tenantId: that tenant's)",
    query: TenantScopeQuery,
    response: HostView,
  },
  {
    method: "patch",
    path: "/hosts/{id}",
    tag: "fleet",
    summary: "Rename or relabel a host (admin)",
    body: HostUpdateInput,
    response: HostView,
  },
  {
    method: "delete",
    path: "/hosts/{id}",
    tag: "fleet",
    summary: "Remove a host (admin); its containers are not touched",
    status: 204,
  },
  {
    method: "get",
    path: "/hosts/{id}/figures",
    tag: "fleet",
    summary: "The host's own CPU, memory, load, disk and network, read from its node exporter (admin, ops)",
    response: HostFiguresView,
  },
  {
    method: "put",
    path: "/hosts/{id}/grants",
    tag: "fleet",
    summary: "Set the tenants that may see and deploy on a host (admin)",
    body: HostGrantsInput,
    response: HostView,
  },
  {
    method: "get",
    path: "/counters",
    tag: "fleet",
    summary:
      "Containers running/total and hosts up/total within your scope (narrowed by tenantId), from the fleet cache",
    query: TenantScopeQuery,
    response: FleetCounters,
  },
  {
    method: "get",
    path: "/containers",
    tag: "fleet",
    summary: "Containers across hosts (paged, filtered, sorted), from the fleet cache",
    query: ContainerListQuery,
    response: ContainerListPage,
  },
  {
    method: "get",
    path: "/stream",
    tag: "fleet",
    contentType: "text/event-stream",
    query: StreamQuery,
    summary:
      "Server-Sent Events within your scope: hello {counters, hosts, access}, counters, hosts, resync; containers [{op, c|id, t}] only with containers=1",
  },
];
