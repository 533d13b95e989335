-- CreateTable
CREATE TABLE "AllowedVolumeDriver" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "HostPublishPolicy" (
    "hostId" TEXT NOT NULL PRIMARY KEY,
    "minPort" INTEGER NOT NULL DEFAULT 1024,
    "maxPort" INTEGER NOT NULL DEFAULT 65535,
    "addresses" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL
);

