-- AlterTable
ALTER TABLE "Person" ADD COLUMN "slackTeamId" TEXT;

-- CreateTable
CREATE TABLE "OrganizationSlackTeam" (
    "teamId" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    CONSTRAINT "OrganizationSlackTeam_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Group" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "description" TEXT NOT NULL DEFAULT '',
    "topics" JSONB NOT NULL,
    "capacity" INTEGER,
    "allowsPartners" BOOLEAN NOT NULL DEFAULT false,
    "continuing" BOOLEAN NOT NULL DEFAULT false,
    "channelId" TEXT,
    "channelName" TEXT,
    "welcomeTs" TEXT,
    "calendarToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Group_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Group" ("allowsPartners", "calendarToken", "capacity", "channelId", "channelName", "createdAt", "description", "id", "kind", "name", "nameKey", "programmeId", "slug", "status", "topics", "updatedAt", "welcomeTs") SELECT "allowsPartners", "calendarToken", "capacity", "channelId", "channelName", "createdAt", "description", "id", "kind", "name", "nameKey", "programmeId", "slug", "status", "topics", "updatedAt", "welcomeTs" FROM "Group";
DROP TABLE "Group";
ALTER TABLE "new_Group" RENAME TO "Group";
CREATE UNIQUE INDEX "Group_channelId_key" ON "Group"("channelId");
CREATE UNIQUE INDEX "Group_calendarToken_key" ON "Group"("calendarToken");
CREATE INDEX "Group_nameKey_idx" ON "Group"("nameKey");
CREATE UNIQUE INDEX "Group_programmeId_slug_key" ON "Group"("programmeId", "slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
