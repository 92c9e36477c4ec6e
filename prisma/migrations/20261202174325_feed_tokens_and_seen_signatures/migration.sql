-- AlterTable
ALTER TABLE "Person" ADD COLUMN "calendarToken" TEXT;

-- CreateTable
CREATE TABLE "SeenSignature" (
    "signature" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SeenSignature_expiresAt_idx" ON "SeenSignature"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Person_calendarToken_key" ON "Person"("calendarToken");
