import type { Operation } from "@/lib/openapi/types";
import {
  PublishPolicyInput,
  PublishPolicyView,
  VolumeDriversInput,
  VolumeDriversView,
} from "@/lib/validations/edge";

/** The HTTP edge's admin settings (docs/security.md, "The HTTP edge"). */
export const edgeOperations: Operation[] = [
  {
    method: "get",
    path: "/settings/volume-drivers",
    tag: "settings",
    summary: 'Volume drivers (plugins) non-admins may name in compose files, besides "local"',
    response: VolumeDriversView,
  },
  {
    method: "put",
    path: "/settings/volume-drivers",
    tag: "settings",
    summary: "Replace the volume driver allow-list (admin, audited as settings.volume-drivers.set)",
    body: VolumeDriversInput,
    response: VolumeDriversView,
  },
  {
    method: "get",
    path: "/hosts/{id}/publishing",
    tag: "fleet",
    summary:
      "Host ports apps may publish on this host (default 1024–65535) and the host's own addresses they may bind to",
    response: PublishPolicyView,
  },
  {
    method: "put",
    path: "/hosts/{id}/publishing",
    tag: "fleet",
    summary:
      "Set the host's publishing range and addresses (admin, audited as host.publishing.set); the wildcard and loopback are always allowed",
    body: PublishPolicyInput,
    response: PublishPolicyView,
  },
];
