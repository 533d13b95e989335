-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Build" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "appId" TEXT,
    "sourceType" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT '{}',
    "commit" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL DEFAULT [],
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
    "holder" TEXT NOT NULL DEFAULT '',
    "leaseExpiresAt" DATETIME,
    CONSTRAINT "Build_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Build_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Build" ("appId", "commit", "createdAt", "createdById", "error", "finishedAt", "hostId", "id", "imageId", "log", "logTruncated", "projectId", "sizeBytes", "source", "sourceType", "startedAt", "status", "tags") SELECT "appId", "commit", "createdAt", "createdById", "error", "finishedAt", "hostId", "id", "imageId", "log", "logTruncated", "projectId", "sizeBytes", "source", "sourceType", "startedAt", "status", "tags" FROM "Build";
DROP TABLE "Build";
ALTER TABLE "new_Build" RENAME TO "Build";
CREATE INDEX "Build_projectId_createdAt_idx" ON "Build"("projectId", "createdAt");
CREATE INDEX "Build_status_idx" ON "Build"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

