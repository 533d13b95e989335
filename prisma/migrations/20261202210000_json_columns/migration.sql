-- JSON kept as text becomes Prisma Json (JSONB in SQLite, still the same text; jsonb on PostgreSQL). Rows are
-- copied as they are: lib/stored-rows.test.ts reads old rows back. Defaults quoted by hand: Prisma writes DEFAULT {}.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL DEFAULT '',
    "action" TEXT NOT NULL,
    "tenantId" TEXT,
    "targetType" TEXT NOT NULL DEFAULT '',
    "targetId" TEXT NOT NULL DEFAULT '',
    "outcome" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT NOT NULL DEFAULT ''
);
INSERT INTO "new_AuditEvent" ("action", "actorEmail", "actorId", "at", "detail", "id", "ip", "outcome", "targetId", "targetType", "tenantId") SELECT "action", "actorEmail", "actorId", "at", "detail", "id", "ip", "outcome", "targetId", "targetType", "tenantId" FROM "AuditEvent";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");
CREATE INDEX "AuditEvent_tenantId_at_idx" ON "AuditEvent"("tenantId", "at");
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");
CREATE TABLE "new_Host" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "tlsEncrypted" TEXT,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "engineInfo" JSONB NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Host" ("createdAt", "engineInfo", "id", "labels", "name", "tlsEncrypted", "updatedAt", "url") SELECT "createdAt", "engineInfo", "id", "labels", "name", "tlsEncrypted", "updatedAt", "url" FROM "Host";
DROP TABLE "Host";
ALTER TABLE "new_Host" RENAME TO "Host";
CREATE UNIQUE INDEX "Host_name_key" ON "Host"("name");
CREATE TABLE "new_App" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'standalone',
    "status" TEXT NOT NULL DEFAULT 'new',
    "currentRevisionId" TEXT,
    "webhookSecretEncrypted" TEXT,
    "buildSource" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "App_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "App_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_App" ("buildSource", "createdAt", "currentRevisionId", "hostId", "id", "mode", "name", "projectId", "status", "updatedAt", "webhookSecretEncrypted") SELECT "buildSource", "createdAt", "currentRevisionId", "hostId", "id", "mode", "name", "projectId", "status", "updatedAt", "webhookSecretEncrypted" FROM "App";
DROP TABLE "App";
ALTER TABLE "new_App" RENAME TO "App";
CREATE UNIQUE INDEX "App_projectId_name_key" ON "App"("projectId", "name");
CREATE TABLE "new_Build" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "appId" TEXT,
    "sourceType" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT '{}',
    "commit" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'queued',
    "imageId" TEXT NOT NULL DEFAULT '',
    "sizeBytes" INTEGER NOT NULL DEFAULT 0,
    "log" TEXT NOT NULL DEFAULT '',
    "logTruncated" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "Build_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Build_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Build" ("appId", "commit", "createdAt", "createdById", "error", "finishedAt", "hostId", "id", "imageId", "log", "logTruncated", "projectId", "sizeBytes", "source", "sourceType", "startedAt", "status", "tags") SELECT "appId", "commit", "createdAt", "createdById", "error", "finishedAt", "hostId", "id", "imageId", "log", "logTruncated", "projectId", "sizeBytes", "source", "sourceType", "startedAt", "status", "tags" FROM "Build";
DROP TABLE "Build";
ALTER TABLE "new_Build" RENAME TO "Build";
CREATE INDEX "Build_projectId_createdAt_idx" ON "Build"("projectId", "createdAt");
CREATE TABLE "new_HostPublishPolicy" (
    "hostId" TEXT NOT NULL PRIMARY KEY,
    "minPort" INTEGER NOT NULL DEFAULT 1024,
    "maxPort" INTEGER NOT NULL DEFAULT 65535,
    "addresses" JSONB NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_HostPublishPolicy" ("addresses", "hostId", "maxPort", "minPort", "updatedAt") SELECT "addresses", "hostId", "maxPort", "minPort", "updatedAt" FROM "HostPublishPolicy";
DROP TABLE "HostPublishPolicy";
ALTER TABLE "new_HostPublishPolicy" RENAME TO "HostPublishPolicy";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

