import type { Db, Provider } from "../db/client";
import { claimReceipt, receiptAnswer, recordReceiptAnswer, releaseReceipt } from "../db/slack-receipt-repository";

/** Claims on submissions, so that one sent again is answered as the first was (see modal-flow.ts). */
export interface SubmissionReceipts {
  /** True for the first claim of `key`; false when it was claimed before. */
  claim(key: string, at: Date): Promise<boolean>;
  /** The answer recorded on a claim: null while its work is under way, undefined when unclaimed. */
  answer(key: string): Promise<{ answer: string | null; receivedAt: Date } | undefined>;
  record(key: string, answer: string): Promise<void>;
  release(key: string): Promise<void>;
}

/** Long past any double click or Slack's retry of the same submission. */
const KEPT_MS = 60 * 60_000;

/**
 * On PostgreSQL, the database: a submission sent again may reach another replica. SQLite serves
 * one process, so its claims are kept in that process's memory and cost the ack no query; a
 * restart forgets them, and the services' idempotency keys still keep a submission saved once.
 */
export function submissionReceipts(db: Db, provider: Provider, clock: () => number = Date.now): SubmissionReceipts {
  if (provider === "postgresql")
    return {
      claim: (key, at) => claimReceipt(db, key, at),
      answer: (key) => receiptAnswer(db, key),
      record: (key, answer) => recordReceiptAnswer(db, key, answer),
      release: (key) => releaseReceipt(db, key),
    };
  const kept = new Map<string, { answer: string | null; receivedAt: Date; until: number }>();
  const prune = () => {
    // Oldest first: stop at the first still kept.
    for (const [key, receipt] of kept) {
      if (receipt.until > clock()) break;
      kept.delete(key);
    }
  };
  return {
    async claim(key, at) {
      prune();
      if (kept.has(key)) return false;
      kept.set(key, { answer: null, receivedAt: at, until: clock() + KEPT_MS });
      return true;
    },
    async answer(key) {
      const receipt = kept.get(key);
      return receipt && { answer: receipt.answer, receivedAt: receipt.receivedAt };
    },
    async record(key, answer) {
      const receipt = kept.get(key);
      if (receipt) receipt.answer = answer;
    },
    async release(key) {
      kept.delete(key);
    },
  };
}
