-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "continuing" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "slackTeamId" TEXT;

-- CreateTable
CREATE TABLE "OrganizationSlackTeam" (
    "teamId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,

    CONSTRAINT "OrganizationSlackTeam_pkey" PRIMARY KEY ("teamId")
);

-- AddForeignKey
ALTER TABLE "OrganizationSlackTeam" ADD CONSTRAINT "OrganizationSlackTeam_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
