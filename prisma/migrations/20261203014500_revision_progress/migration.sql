-- AlterTable
ALTER TABLE "Revision" ADD COLUMN "progress" JSONB;

