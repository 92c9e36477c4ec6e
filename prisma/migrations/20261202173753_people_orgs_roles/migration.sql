-- AlterTable
ALTER TABLE "Person" ADD COLUMN "deactivatedAt" DATETIME;
ALTER TABLE "Person" ADD COLUMN "profileReadAt" DATETIME;

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
    "channelId" TEXT,
    "channelName" TEXT,
    "welcomeTs" TEXT,
    "calendarToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Group_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Group" ("calendarToken", "capacity", "channelId", "channelName", "createdAt", "description", "id", "kind", "name", "nameKey", "programmeId", "slug", "status", "topics", "updatedAt", "welcomeTs") SELECT "calendarToken", "capacity", "channelId", "channelName", "createdAt", "description", "id", "kind", "name", "nameKey", "programmeId", "slug", "status", "topics", "updatedAt", "welcomeTs" FROM "Group";
DROP TABLE "Group";
ALTER TABLE "new_Group" RENAME TO "Group";
CREATE UNIQUE INDEX "Group_channelId_key" ON "Group"("channelId");
CREATE UNIQUE INDEX "Group_calendarToken_key" ON "Group"("calendarToken");
CREATE INDEX "Group_nameKey_idx" ON "Group"("nameKey");
CREATE UNIQUE INDEX "Group_programmeId_slug_key" ON "Group"("programmeId", "slug");
CREATE TABLE "new_Organization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "memberStatus" TEXT NOT NULL DEFAULT 'MEMBER',
    "kind" TEXT NOT NULL DEFAULT 'OTHER',
    "networkId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Organization_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Organization" ("createdAt", "id", "memberStatus", "name", "nameKey", "updatedAt") SELECT "createdAt", "id", "memberStatus", "name", "nameKey", "updatedAt" FROM "Organization";
DROP TABLE "Organization";
ALTER TABLE "new_Organization" RENAME TO "Organization";
CREATE UNIQUE INDEX "Organization_nameKey_key" ON "Organization"("nameKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
