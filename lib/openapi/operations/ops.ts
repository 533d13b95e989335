import { z } from "zod";
import { list } from "@/lib/openapi/list";
import type { Operation } from "@/lib/openapi/types";
import { FleetEventPage, FleetEventQuery } from "@/lib/validations/fleet-events";
import {
  EventsQuery,
  ExecQuery,
  ImagePruneInput,
  ImageRemoveQuery,
  LogsQuery,
  NodeUpdateInput,
  RemoveContainerQuery,
  StatsQuery,
  SwarmQuery,
  AppLogsQuery,
  ContainerBulkInput,
  ContainerBulkView,
} from "@/lib/validations/ops";
import {
  ClusterHealthView,
  ContainerDetailView,
  DiskUsageView,
  EngineEventView,
  ImagePruneView,
  ImageView,
  NetworkView,
  SwarmNodeDetailView,
  SwarmNodesView,
  VolumeView,
} from "@/lib/validations/ops-views";

const ok = z.object({ ok: z.boolean(), id: z.string(), action: z.string() });
const action = (a: string, what: string): Operation => ({
  method: "post",
  path: `/containers/{id}/${a}`,
  tag: "containers",
  summary: `${what} the container (developer or above in its tenant; admin, ops)`,
  response: ok,
});

export const opsOperations: Operation[] = [
  {
    method: "get",
    path: "/containers/{id}",
    tag: "containers",
    summary:
      "Container detail: state, health, image, command, env (secret-looking values masked), ports, mounts, networks, labels, restart count, raw inspect JSON",
    response: ContainerDetailView,
  },
  {
    method: "delete",
    path: "/containers/{id}",
    tag: "containers",
    summary: "Remove the container (force=true removes a running one)",
    query: RemoveContainerQuery,
    status: 204,
  },
  action("start", "Start"),
  action("stop", "Stop (SIGTERM, then SIGKILL after 10 s)"),
  action("restart", "Restart"),
  action("kill", "Kill (SIGKILL)"),
  {
    method: "post",
    path: "/containers/actions",
    tag: "containers",
    summary:
      "Start, stop, restart or remove (forced) up to 100 containers: each row is authorized and audited like the single request and answers its own status (another tenant's container: 404 in its row); one row failing does not stop the others",
    body: ContainerBulkInput,
    response: ContainerBulkView,
  },
  {
    method: "get",
    path: "/containers/{id}/logs",
    tag: "containers",
    summary:
      "Logs: last `tail` lines, then live with follow=true. NDJSON lines {ts?, stream, text}; SSE with format=sse or Accept: text/event-stream (event data {lines:[…]}); plain-text attachment with download=true",
    query: LogsQuery,
    contentType: "application/x-ndjson",
  },
  {
    method: "get",
    path: "/containers/{id}/stats",
    tag: "containers",
    summary:
      "Live stats as SSE (one sample per second from one engine stream shared by every viewer); stream=false returns one sample as JSON",
    query: StatsQuery,
    contentType: "text/event-stream",
  },
  {
    method: "get",
    path: "/containers/{id}/exec",
    tag: "containers",
    summary:
      "Console WebSocket (upgrade; session cookie and same Origin). Binary frames are terminal bytes both ways; text frames: client {type:'resize',cols,rows} | {type:'input',data} | {type:'eof'}; server {type:'stderr',data} (tty=false) | {type:'exit',exitCode}. Refusals are plain HTTP statuses (401, 403, 404, 422) before the upgrade",
    query: ExecQuery,
    status: 101,
  },
  {
    method: "get",
    path: "/hosts/{id}/images",
    tag: "host resources",
    summary: "Images with size and the containers using each (admin, ops)",
    response: list(ImageView),
  },
  {
    method: "delete",
    path: "/hosts/{id}/images/{imageId}",
    tag: "host resources",
    summary: "Remove an image (409 while in use unless force=true)",
    query: ImageRemoveQuery,
    status: 204,
  },
  {
    method: "post",
    path: "/hosts/{id}/images/prune",
    tag: "host resources",
    summary: "Remove unused images: dangling only by default, all unused with all=true, narrowed by label",
    body: ImagePruneInput,
    response: ImagePruneView,
  },
  {
    method: "get",
    path: "/hosts/{id}/volumes",
    tag: "host resources",
    summary: "Volumes and the containers mounting them (admin, ops)",
    response: list(VolumeView),
  },
  {
    method: "get",
    path: "/hosts/{id}/networks",
    tag: "host resources",
    summary: "Networks with subnets and attached running containers (admin, ops)",
    response: list(NetworkView),
  },
  {
    method: "get",
    path: "/hosts/{id}/df",
    tag: "host resources",
    summary: "Disk use by images, containers, volumes and build cache (/system/df)",
    response: DiskUsageView,
  },
  {
    method: "get",
    path: "/hosts/{id}/events",
    tag: "host resources",
    summary: "Recent engine events, newest first",
    query: EventsQuery,
    response: list(EngineEventView),
  },
  {
    method: "get",
    path: "/swarm/nodes",
    tag: "swarm",
    summary: "Swarm nodes: role, availability, status, engine version, resources, running tasks (admin, ops)",
    query: SwarmQuery,
    response: SwarmNodesView,
  },
  {
    method: "get",
    path: "/swarm/nodes/{id}",
    tag: "swarm",
    summary: "A node and its tasks, newest first",
    query: SwarmQuery,
    response: SwarmNodeDetailView,
  },
  {
    method: "patch",
    path: "/swarm/nodes/{id}",
    tag: "swarm",
    summary: "Set availability: active, pause or drain (admin, ops)",
    query: SwarmQuery,
    body: NodeUpdateInput,
    response: SwarmNodeDetailView,
  },
  {
    method: "get",
    path: "/cluster/health",
    tag: "cluster",
    summary:
      "Hosts up/down, CPU and memory per host and in total, top containers, restarting/unhealthy containers (admin, ops)",
    response: ClusterHealthView,
  },
  {
    method: "get",
    path: "/events",
    tag: "cluster",
    summary:
      "Stored state changes (non-zero exits, out of memory, unhealthy, restarts), newest first, kept WHARF_EVENTS_RETENTION_DAYS; admins and ops see all, members their tenants' apps'",
    query: FleetEventQuery,
    response: FleetEventPage,
  },
  {
    method: "get",
    path: "/apps/{id}/logs",
    tag: "apps",
    summary: "Merged logs of the app's containers (label wharf.app), each line naming its container",
    query: AppLogsQuery,
    contentType: "application/x-ndjson",
  },
];
