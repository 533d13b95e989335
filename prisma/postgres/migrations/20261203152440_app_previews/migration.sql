-- AlterTable
ALTER TABLE "App" ADD COLUMN     "previewsEnabled" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AppPreview" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "branch" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "fromFork" BOOLEAN NOT NULL,
    "approved" BOOLEAN NOT NULL DEFAULT false,
    "previewAppId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'deploying',
    "message" TEXT NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppPreview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AppPreview_previewAppId_key" ON "AppPreview"("previewAppId");

-- CreateIndex
CREATE UNIQUE INDEX "AppPreview_appId_number_key" ON "AppPreview"("appId", "number");

-- AddForeignKey
ALTER TABLE "AppPreview" ADD CONSTRAINT "AppPreview_previewAppId_fkey" FOREIGN KEY ("previewAppId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

