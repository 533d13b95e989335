-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "nodeExporterUrl" TEXT;

