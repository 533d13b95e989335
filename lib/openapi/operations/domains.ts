import { list } from "@/lib/openapi/list";
import type { Operation } from "@/lib/openapi/types";
import {
  AppTrafficView,
  DomainCreateInput,
  DomainUpdateInput,
  DomainView,
  TenantEdgeInput,
  TenantEdgeView,
} from "@/lib/validations/domain";

/** Domains routed through the edge proxy (Caddy) to apps' service ports (docs/edge.md). */
export const domainsOperations: Operation[] = [
  {
    method: "get",
    path: "/apps/{id}/domains",
    tag: "apps",
    summary: "The app's domains, each with its HTTPS address",
    response: list(DomainView),
  },
  {
    method: "post",
    path: "/apps/{id}/domains",
    tag: "apps",
    summary:
      "Attach a domain (+ path prefix) to a service port: under the tenant's base domains, or a custom domain (pending until its control is proven by the HTTP token in `challenge`, or an admin approves); a name another tenant holds is refused (403) and audited, one already routed answers 409",
    body: DomainCreateInput,
    response: DomainView,
    status: 201,
  },
  {
    method: "patch",
    path: "/apps/{id}/domains/{domainId}",
    tag: "apps",
    summary:
      "Set, replace or remove (null) the domain's basic auth in place (developers; audited); the password is stored as a bcrypt hash and never shown back; the app's preview copies follow; a compose domain's is refused (422: edit the file)",
    body: DomainUpdateInput,
    response: DomainView,
  },
  {
    method: "post",
    path: "/apps/{id}/domains/{domainId}/verify",
    tag: "apps",
    summary:
      "Prove control of a custom domain: Wharf fetches http://<domain>/.well-known/wharf-challenge/<id> through DNS (egress policy, no redirects, 1 KiB, 5 s) and routes the domain when the answer is its token; 409 naming `host` with the reason otherwise; 5 a minute per user in the tenant, then 429 with `retryAfter` (developers; audited)",
    response: DomainView,
  },
  {
    method: "delete",
    path: "/apps/{id}/domains/{domainId}",
    tag: "apps",
    summary: "Detach a domain: its route leaves the proxy",
    response: DomainView,
  },
  {
    method: "post",
    path: "/apps/{id}/domains/{domainId}/approve",
    tag: "apps",
    summary: "Approve a custom domain so it is routed (admins): the fallback to the HTTP token",
    response: DomainView,
  },
  {
    method: "get",
    path: "/apps/{id}/traffic",
    tag: "apps",
    summary:
      "Requests per second, 4xx and 5xx rates and latency p50/p95 of each of the app's domains over the last 1, 5 and 15 minutes, from the edge proxy's access log",
    response: AppTrafficView,
  },
  {
    method: "get",
    path: "/tenants/{id}/edge",
    tag: "tenants",
    summary: "The tenant's base domains and whether custom domains are allowed",
    response: TenantEdgeView,
  },
  {
    method: "put",
    path: "/tenants/{id}/edge",
    tag: "tenants",
    summary:
      "Set the tenant's base domains and custom-domain permission (admins); a base overlapping another tenant's is refused (409)",
    body: TenantEdgeInput,
    response: TenantEdgeView,
  },
];
