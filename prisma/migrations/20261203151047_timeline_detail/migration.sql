-- AlterTable
ALTER TABLE "FleetEvent" ADD COLUMN "detail" TEXT;

