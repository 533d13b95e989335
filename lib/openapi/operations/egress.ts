import { list } from "@/lib/openapi/list";
import type { Operation } from "@/lib/openapi/types";
import { EgressAllowInput, EgressAllowView } from "@/lib/validations/egress";

export const egressOperations: Operation[] = [
  {
    method: "get",
    path: "/egress/allow",
    tag: "egress",
    summary:
      "The egress allow-list (admins): what non-admins' builds, git URLs and registries may reach besides public addresses",
    response: list(EgressAllowView),
  },
  {
    method: "post",
    path: "/egress/allow",
    tag: "egress",
    summary: "Allow non-admins to reach CIDR[:port] (admins; audited as egress.allow.add)",
    body: EgressAllowInput,
    response: EgressAllowView,
    status: 201,
  },
  {
    method: "delete",
    path: "/egress/allow/{id}",
    tag: "egress",
    summary: "Remove an allow-list entry (admins; audited as egress.allow.remove)",
    status: 204,
  },
];
