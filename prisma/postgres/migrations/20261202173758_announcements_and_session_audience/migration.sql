-- CreateEnum
CREATE TYPE "SessionAudience" AS ENUM ('EVERYONE', 'FACILITATORS');

-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "announcementChannelName" TEXT,
ADD COLUMN     "announcementWelcomeTs" TEXT;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "audience" "SessionAudience" NOT NULL DEFAULT 'EVERYONE',
ADD COLUMN     "createdBySlack" TEXT;
