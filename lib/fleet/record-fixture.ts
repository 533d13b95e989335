import type { ContainerRecord } from "@/lib/docker/containers";

/** A running container record for the fleet's unit tests; `over` sets what a test cares about. */
export const containerRecord = (
  id: string,
  hostId: string,
  over: Partial<ContainerRecord> = {},
): ContainerRecord => ({
  id,
  name: `n-${id}`,
  image: "busybox",
  state: "running",
  status: "Up",
  since: null,
  hostId,
  tenant: null,
  project: null,
  app: null,
  service: null,
  ports: [],
  created: 1,
  labels: {},
  ...over,
});
