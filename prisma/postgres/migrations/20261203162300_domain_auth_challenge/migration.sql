-- AlterTable
ALTER TABLE "AppDomain" ADD COLUMN     "basicAuthHash" TEXT,
ADD COLUMN     "basicAuthUser" TEXT,
ADD COLUMN     "challengeToken" TEXT;

