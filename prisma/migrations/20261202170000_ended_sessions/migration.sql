-- CreateTable
CREATE TABLE "EndedSession" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "reason" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "EndedSession_expiresAt_idx" ON "EndedSession"("expiresAt");

