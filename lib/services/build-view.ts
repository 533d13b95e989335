import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { readBuildSource } from "@/lib/secrets/at-rest";
import { maskRecord, scrubText, secretStrings } from "@/lib/secrets/model";
import type { BuildSourceType, BuildStatus, BuildView } from "@/lib/validations/build";

/** Build.tags: the image tags the build produced (and pushed). The one place the column is read. */
export const buildTags = (stored: Prisma.JsonValue) => z.array(z.string()).parse(stored);

export const viewInclude = {
  project: { select: { name: true, slug: true, tenantId: true, tenant: { select: { slug: true } } } },
  host: { select: { name: true } },
} as const;

type Row = {
  id: string;
  projectId: string;
  hostId: string;
  appId: string | null;
  sourceType: BuildSourceType;
  source: string;
  commit: string;
  tags: Prisma.JsonValue;
  status: BuildStatus;
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

/** Viewers (and ops) get build args masked, and their secret values scrubbed from the inline Dockerfile. */
function sourceFor(stored: string, seesSecrets: boolean) {
  const source = readBuildSource(stored);
  if (seesSecrets) return source;
  const args = source.buildArgs ?? {};
  const marked = source.secretArgs ?? [];
  return {
    ...source,
    buildArgs: maskRecord(args, marked),
    ...(typeof source.dockerfileText === "string"
      ? { dockerfileText: scrubText(source.dockerfileText, secretStrings(args, marked)) }
      : {}),
  };
}

/** A build as the API returns it; the log itself comes from GET /builds/{id}/log. */
export function toBuildView(
  b: Row,
  extra: { createdBy: string | null; queuePosition: number | null; liveBytes?: number; seesSecrets: boolean },
): BuildView {
  const end = b.finishedAt ?? (b.startedAt ? new Date() : null);
  return {
    id: b.id,
    projectId: b.projectId,
    projectName: b.project.name,
    tenantId: b.project.tenantId,
    hostId: b.hostId,
    hostName: b.host.name,
    appId: b.appId,
    sourceType: b.sourceType,
    source: sourceFor(b.source, extra.seesSecrets),
    commit: b.commit,
    tags: buildTags(b.tags),
    status: b.status,
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
