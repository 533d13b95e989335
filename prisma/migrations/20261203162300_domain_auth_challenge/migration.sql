-- AlterTable
ALTER TABLE "AppDomain" ADD COLUMN "basicAuthHash" TEXT;
ALTER TABLE "AppDomain" ADD COLUMN "basicAuthUser" TEXT;
ALTER TABLE "AppDomain" ADD COLUMN "challengeToken" TEXT;

