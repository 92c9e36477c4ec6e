-- CreateEnum
CREATE TYPE "OrganizationKind" AS ENUM ('SCHOOL', 'NETWORK', 'NATIONAL_ORGANIZATION', 'RESEARCH_CENTER', 'OTHER');

-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "allowsPartners" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "kind" "OrganizationKind" NOT NULL DEFAULT 'OTHER',
ADD COLUMN     "networkId" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "deactivatedAt" TIMESTAMP(3),
ADD COLUMN     "profileReadAt" TIMESTAMP(3);

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;
