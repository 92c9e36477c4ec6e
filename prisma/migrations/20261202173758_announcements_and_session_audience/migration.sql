-- AlterTable
ALTER TABLE "Programme" ADD COLUMN "announcementChannelName" TEXT;
ALTER TABLE "Programme" ADD COLUMN "announcementWelcomeTs" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "groupId" TEXT,
    "seriesId" TEXT,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "agenda" TEXT,
    "format" TEXT NOT NULL,
    "localStart" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "location" TEXT,
    "meetingUrl" TEXT,
    "status" TEXT NOT NULL DEFAULT 'SCHEDULED',
    "audience" TEXT NOT NULL DEFAULT 'EVERYONE',
    "createdBySlack" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Session_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Session_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Session_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "SessionSeries" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Session" ("agenda", "createdAt", "description", "durationMinutes", "endsAt", "format", "groupId", "id", "key", "localStart", "location", "meetingUrl", "programmeId", "sequence", "seriesId", "startsAt", "status", "timezone", "title", "updatedAt") SELECT "agenda", "createdAt", "description", "durationMinutes", "endsAt", "format", "groupId", "id", "key", "localStart", "location", "meetingUrl", "programmeId", "sequence", "seriesId", "startsAt", "status", "timezone", "title", "updatedAt" FROM "Session";
DROP TABLE "Session";
ALTER TABLE "new_Session" RENAME TO "Session";
CREATE INDEX "Session_startsAt_idx" ON "Session"("startsAt");
CREATE INDEX "Session_groupId_startsAt_idx" ON "Session"("groupId", "startsAt");
CREATE UNIQUE INDEX "Session_programmeId_key_key" ON "Session"("programmeId", "key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
