-- CreateEnum
CREATE TYPE "DomainSource" AS ENUM ('api', 'compose');

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "edgeCustomDomains" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "EdgeBaseDomain" (
    "domain" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EdgeBaseDomain_pkey" PRIMARY KEY ("domain")
);

-- CreateTable
CREATE TABLE "AppDomain" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "pathPrefix" TEXT NOT NULL DEFAULT '/',
    "redirectHttps" BOOLEAN NOT NULL DEFAULT true,
    "approved" BOOLEAN NOT NULL DEFAULT true,
    "source" "DomainSource" NOT NULL DEFAULT 'api',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppDomain_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EdgeBaseDomain_tenantId_idx" ON "EdgeBaseDomain"("tenantId");

-- CreateIndex
CREATE INDEX "AppDomain_tenantId_idx" ON "AppDomain"("tenantId");

-- CreateIndex
CREATE INDEX "AppDomain_appId_idx" ON "AppDomain"("appId");

-- CreateIndex
CREATE UNIQUE INDEX "AppDomain_host_pathPrefix_key" ON "AppDomain"("host", "pathPrefix");

-- AddForeignKey
ALTER TABLE "EdgeBaseDomain" ADD CONSTRAINT "EdgeBaseDomain_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppDomain" ADD CONSTRAINT "AppDomain_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

