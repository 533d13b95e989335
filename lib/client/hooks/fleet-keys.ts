// The fleet's query keys, apart from its hooks (use-fleet.ts, which re-exports them): server pages import them to
// prefetch the first container page under the very key the table reads (app/(console)/prefetched.tsx), and a module
// a server component imports may not use React's client hooks.
import { rootKey } from "@/lib/client/keys";

export type ContainerParams = {
  /** The tenant context (lib/client/tenant-context.tsx): narrows the scope on the server. */
  tenantId?: string;
  host?: string;
  state?: string;
  tenant?: string;
  project?: string;
  q?: string;
  sort?: string;
  dir?: string;
};
export const CONTAINER_PAGE_SIZE = 200;
/** The containers page's filters in its URL (the tenant is the console's context, not one of them). */
export const CONTAINER_FILTER_KEYS = ["host", "state", "project", "q", "sort", "dir"] as const;

const root = rootKey("fleet");
/** The fleet cache's answers: counters and the container list pages, patched and refetched by the live stream. */
export const fleetKeys = {
  all: root(),
  counters: (tenantId?: string) => root("counters", tenantId ?? "all"),
  containers: root("containers"),
  containerPage: (params: ContainerParams, page: number) => root("containers", params, page),
};
