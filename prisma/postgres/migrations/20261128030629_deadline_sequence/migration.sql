-- AlterTable
ALTER TABLE "Deadline" ADD COLUMN     "sequence" INTEGER NOT NULL DEFAULT 0;
