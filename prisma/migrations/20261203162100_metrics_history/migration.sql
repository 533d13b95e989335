-- CreateTable
CREATE TABLE "MetricPoint" (
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "at" BIGINT NOT NULL,
    "tenantId" TEXT,
    "cpu" INTEGER NOT NULL,
    "mem" BIGINT NOT NULL,
    "netRx" BIGINT NOT NULL,
    "netTx" BIGINT NOT NULL,
    "blkRead" BIGINT NOT NULL,
    "blkWrite" BIGINT NOT NULL,
    "restarts" INTEGER NOT NULL,

    PRIMARY KEY ("kind", "subject", "step", "at")
);

-- CreateIndex
CREATE INDEX "MetricPoint_at_idx" ON "MetricPoint"("at");

