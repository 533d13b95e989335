-- CreateTable
CREATE TABLE "QuotaHold" (
    "appId" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "containers" INTEGER NOT NULL,
    "memoryBytes" BIGINT NOT NULL,
    "nanoCpus" BIGINT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "QuotaHold_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuotaLedger" (
    "tenantId" TEXT NOT NULL PRIMARY KEY,
    "reservations" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "QuotaLedger_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "QuotaHold_tenantId_idx" ON "QuotaHold"("tenantId");

