import type { Db, Provider } from "../db/client";
import { claimReceipt, receiptAnswer, recordReceiptAnswer, releaseReceipt } from "../db/slack-receipt-repository";

/** Claims on submissions, so that one sent again is answered as the first was (see modal-flow.ts). */
export interface SubmissionReceipts {
  /** True for the first claim of `key`; false when it was claimed before; null when the store could not say in time. */
  claim(key: string, at: Date): Promise<boolean | null>;
  /** The answer recorded on a claim: null while its work is under way, undefined when unclaimed. */
  answer(key: string): Promise<{ answer: string | null; receivedAt: Date } | undefined>;
  record(key: string, answer: string): Promise<void>;
  release(key: string): Promise<void>;
}

/** Long past any double click or Slack's retry of the same submission. */
const KEPT_MS = 60 * 60_000;
/** A database that hangs gets this long: the listener needs the rest of Slack's 3 s. */
const CLAIM_BUDGET_MS = 500;

/** A claim the database refused (it is down) or did not answer in time: null, and the submission is worked out unclaimed. */
function withinBudget(claim: Promise<boolean>): Promise<boolean | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(resolve, CLAIM_BUDGET_MS, null)));
  return Promise.race([claim.catch(() => null), late]).finally(() => clearTimeout(timer));
}

/**
 * On PostgreSQL, the database: a submission sent again may reach another replica. SQLite serves
 * one process, so its claims are kept in that process's memory and cost the ack no query; a
 * restart forgets them, and the services' idempotency keys still keep a submission saved once.
 */
export function submissionReceipts(db: Db, provider: Provider, clock: () => number = Date.now): SubmissionReceipts {
  if (provider === "postgresql")
    return {
      claim: (key, at) => withinBudget(claimReceipt(db, key, at)),
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
