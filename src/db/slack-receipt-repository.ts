/** One row per Slack interaction Convene acted on, so that a resubmitted one is recognised. */
import type { Db } from "./client";
import { isUniqueViolation } from "./upsert";

/** True for the first claim of `id`; false when it was claimed before. */
export async function claimReceipt(db: Db, id: string, at: Date): Promise<boolean> {
  try {
    await db.slackReceipt.create({ data: { id, receivedAt: at } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Gives a claim back when the work it guarded could not be done, so that a retry may do it. */
export async function releaseReceipt(db: Db, id: string): Promise<void> {
  await db.slackReceipt.deleteMany({ where: { id } });
}

/** The answer recorded on a claim: a string once recorded, null while its work is under way, undefined when unclaimed. */
export async function receiptAnswer(db: Db, id: string): Promise<{ answer: string | null; receivedAt: Date } | undefined> {
  return (await db.slackReceipt.findUnique({ where: { id }, select: { answer: true, receivedAt: true } })) ?? undefined;
}

/** Forgets claims made before `before`: a retry or a double click comes within minutes, not days. */
export async function pruneReceipts(db: Db, before: Date): Promise<number> {
  return (await db.slackReceipt.deleteMany({ where: { receivedAt: { lt: before } } })).count;
}

export async function recordReceiptAnswer(db: Db, id: string, answer: string): Promise<void> {
  await db.slackReceipt.updateMany({ where: { id }, data: { answer } });
}
