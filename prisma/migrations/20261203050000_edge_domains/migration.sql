-- CreateTable
CREATE TABLE "EdgeBaseDomain" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EdgeBaseDomain_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AppDomain" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "pathPrefix" TEXT NOT NULL DEFAULT '/',
    "redirectHttps" BOOLEAN NOT NULL DEFAULT true,
    "approved" BOOLEAN NOT NULL DEFAULT true,
    "source" TEXT NOT NULL DEFAULT 'api',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AppDomain_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (a plain ADD COLUMN: no copy of the Tenant table)
ALTER TABLE "Tenant" ADD COLUMN "edgeCustomDomains" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "EdgeBaseDomain_tenantId_idx" ON "EdgeBaseDomain"("tenantId");

-- CreateIndex
CREATE INDEX "AppDomain_tenantId_idx" ON "AppDomain"("tenantId");

-- CreateIndex
CREATE INDEX "AppDomain_appId_idx" ON "AppDomain"("appId");

-- CreateIndex
CREATE UNIQUE INDEX "AppDomain_host_pathPrefix_key" ON "AppDomain"("host", "pathPrefix");

