-- AlterTable
ALTER TABLE "Build" ADD COLUMN     "holder" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Build_status_idx" ON "Build"("status");

