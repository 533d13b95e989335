-- CreateTable
CREATE TABLE "AppRepository" (
    "appId" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "ref" TEXT NOT NULL DEFAULT '',
    "composeFile" TEXT NOT NULL DEFAULT '',
    "overrideFiles" TEXT NOT NULL DEFAULT '',
    "username" TEXT NOT NULL DEFAULT '',
    "passwordEncrypted" TEXT,
    "configuredById" TEXT NOT NULL,
    "pollSeconds" INTEGER NOT NULL DEFAULT 0,
    "lastCommit" TEXT NOT NULL DEFAULT '',
    "lastPolledAt" DATETIME,
    CONSTRAINT "AppRepository_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

