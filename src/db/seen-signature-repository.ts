/** Signatures of Slack requests already served, shared by every replica on one database. */
import type { Db } from "./client";
import { isUniqueViolation } from "./upsert";

/** Records a signature; false when it was recorded before (the request is a replay). */
export async function rememberSignature(db: Db, signature: string, expiresAt: Date): Promise<boolean> {
  try {
    await db.seenSignature.create({ data: { signature, expiresAt } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Drops the signatures whose requests would be refused as stale anyway. */
export async function pruneSignatures(db: Db, now: Date): Promise<number> {
  return (await db.seenSignature.deleteMany({ where: { expiresAt: { lt: now } } })).count;
}
