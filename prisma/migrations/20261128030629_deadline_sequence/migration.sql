-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Deadline" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "localDue" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Deadline_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Deadline" ("createdAt", "description", "dueAt", "id", "key", "kind", "localDue", "programmeId", "timezone", "title", "updatedAt") SELECT "createdAt", "description", "dueAt", "id", "key", "kind", "localDue", "programmeId", "timezone", "title", "updatedAt" FROM "Deadline";
DROP TABLE "Deadline";
ALTER TABLE "new_Deadline" RENAME TO "Deadline";
CREATE INDEX "Deadline_dueAt_idx" ON "Deadline"("dueAt");
CREATE UNIQUE INDEX "Deadline_programmeId_key_key" ON "Deadline"("programmeId", "key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
