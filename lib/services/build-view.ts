import "server-only";

export const viewInclude = {
  project: { select: { name: true, slug: true, tenantId: true, tenant: { select: { slug: true } } } },
  host: { select: { name: true } },
} as const;

type Row = {
  id: string;
  projectId: string;
  hostId: string;
  appId: string | null;
  sourceType: string;
  source: string;
  commit: string;
  tags: string;
  status: string;
  imageId: string;
  sizeBytes: number;
  log?: string;
  logTruncated: boolean;
  error: string;
  createdById: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  project: { name: string; tenantId: string };
  host: { name: string };
};

/** A build as the API returns it; the log itself comes from GET /builds/{id}/log. */
export function toBuildView(
  b: Row,
  extra: { createdBy: string | null; queuePosition: number | null; liveBytes?: number },
) {
  const end = b.finishedAt ?? (b.startedAt ? new Date() : null);
  return {
    id: b.id,
    projectId: b.projectId,
    projectName: b.project.name,
    tenantId: b.project.tenantId,
    hostId: b.hostId,
    hostName: b.host.name,
    appId: b.appId,
    sourceType: b.sourceType as "git" | "upload" | "inline",
    source: JSON.parse(b.source) as Record<string, unknown>,
    commit: b.commit,
    tags: JSON.parse(b.tags) as string[],
    status: b.status as "queued" | "running" | "succeeded" | "failed" | "cancelled",
    queuePosition: extra.queuePosition,
    imageId: b.imageId,
    sizeBytes: b.sizeBytes,
    logTruncated: b.logTruncated,
    logBytes: extra.liveBytes ?? (b.log ? Buffer.byteLength(b.log) : 0),
    error: b.error,
    createdBy: extra.createdBy,
    createdAt: b.createdAt.toISOString(),
    startedAt: b.startedAt?.toISOString() ?? null,
    finishedAt: b.finishedAt?.toISOString() ?? null,
    durationMs: b.startedAt && end ? end.getTime() - b.startedAt.getTime() : null,
  };
}
