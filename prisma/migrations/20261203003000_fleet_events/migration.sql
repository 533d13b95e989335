-- CreateTable
CREATE TABLE "FleetEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "hostId" TEXT NOT NULL,
    "tenantId" TEXT,
    "appId" TEXT,
    "containerId" TEXT NOT NULL,
    "containerName" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "exitCode" INTEGER
);

-- CreateIndex
CREATE INDEX "FleetEvent_at_idx" ON "FleetEvent"("at");

-- CreateIndex
CREATE INDEX "FleetEvent_tenantId_at_idx" ON "FleetEvent"("tenantId", "at");

-- CreateIndex
CREATE INDEX "FleetEvent_appId_at_idx" ON "FleetEvent"("appId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "FleetEvent_hostId_containerId_type_at_key" ON "FleetEvent"("hostId", "containerId", "type", "at");

