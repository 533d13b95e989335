/** Query-key factory: every key is rooted at its resource so a mutation can invalidate exactly what it changed. */
export const queryKeys = {
  me: ["me"] as const,
  tenants: { all: ["tenants"] as const, members: (id: string) => ["tenants", id, "members"] as const },
  users: { all: ["users"] as const },
  projects: {
    all: ["projects"] as const,
    list: (tenantId?: string) => ["projects", "list", tenantId ?? "all"] as const,
    detail: (id: string) => ["projects", id] as const,
  },
  tokens: { all: ["tokens"] as const },
  egressAllow: { all: ["egress", "allow"] as const },
  sharedImages: { all: ["shared-images"] as const },
  templates: { all: ["templates"] as const },
  audit: { list: (filters: Record<string, string>) => ["audit", filters] as const },
};
