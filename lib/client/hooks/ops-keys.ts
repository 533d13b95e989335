/** Query keys of the operations screens, rooted at the resource so mutations invalidate exactly what they change. */
export const opsKeys = {
  container: (id: string) => ["containers", id] as const,
  host: (hostId: string) => ["hosts", hostId, "resources"] as const,
  hostPart: (hostId: string, part: string, extra?: unknown) =>
    ["hosts", hostId, "resources", part, ...(extra === undefined ? [] : [extra])] as const,
  swarm: ["swarm"] as const,
  swarmNode: (id: string) => ["swarm", "node", id] as const,
  cluster: ["cluster", "health"] as const,
};
