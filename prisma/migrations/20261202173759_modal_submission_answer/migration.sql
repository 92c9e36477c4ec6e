-- AlterTable
ALTER TABLE "SlackReceipt" ADD COLUMN "answer" TEXT;
