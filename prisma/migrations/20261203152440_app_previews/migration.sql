-- CreateTable
CREATE TABLE "AppPreview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "branch" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "fromFork" BOOLEAN NOT NULL,
    "approved" BOOLEAN NOT NULL DEFAULT false,
    "previewAppId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'deploying',
    "message" TEXT NOT NULL DEFAULT '',
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AppPreview_previewAppId_fkey" FOREIGN KEY ("previewAppId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "previewsEnabled" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "App_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "App_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_App" ("buildSource", "createdAt", "currentRevisionId", "hostId", "id", "mode", "name", "projectId", "status", "updatedAt", "webhookSecretEncrypted") SELECT "buildSource", "createdAt", "currentRevisionId", "hostId", "id", "mode", "name", "projectId", "status", "updatedAt", "webhookSecretEncrypted" FROM "App";
DROP TABLE "App";
ALTER TABLE "new_App" RENAME TO "App";
CREATE UNIQUE INDEX "App_projectId_name_key" ON "App"("projectId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "AppPreview_previewAppId_key" ON "AppPreview"("previewAppId");

-- CreateIndex
CREATE UNIQUE INDEX "AppPreview_appId_number_key" ON "AppPreview"("appId", "number");

