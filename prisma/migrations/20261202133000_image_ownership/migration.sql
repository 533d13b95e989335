-- CreateTable
CREATE TABLE "TenantImage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "reference" TEXT NOT NULL DEFAULT '',
    "origin" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SharedImage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "TenantImage_hostId_imageId_idx" ON "TenantImage"("hostId", "imageId");

-- CreateIndex
CREATE UNIQUE INDEX "TenantImage_tenantId_hostId_imageId_key" ON "TenantImage"("tenantId", "hostId", "imageId");

-- CreateIndex
CREATE UNIQUE INDEX "SharedImage_reference_key" ON "SharedImage"("reference");

